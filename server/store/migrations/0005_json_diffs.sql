-- The changes between two stored versions of a flow's JSON, as the comparison shows them first
-- (hunks of changed lines with their context, and each side's errors on them): computed once, in
-- the background when a sync or an agent records a new version, or at the first request for
-- another pair. Gone with either text (retention).
CREATE TABLE json_diffs (
  account_id text NOT NULL,
  channel_id text NOT NULL,
  flow_id text NOT NULL,
  from_sha256 text NOT NULL REFERENCES flow_json (sha256) ON DELETE CASCADE,
  to_sha256 text NOT NULL REFERENCES flow_json (sha256) ON DELETE CASCADE,
  -- The shape of `changes` (JSON_DIFF_FORMAT): a row of another format is computed again.
  format integer NOT NULL,
  changes jsonb NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, channel_id, flow_id, from_sha256, to_sha256)
);
--> statement-breakpoint
CREATE INDEX json_diffs_to ON json_diffs (to_sha256);
