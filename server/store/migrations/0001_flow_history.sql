-- Flow history: an append-only timeline per flow (one row per change, a unique dedupe key so a
-- change seen twice at once is written once), the latest recorded snapshot of each flow (what the
-- next observation is compared with; never pruned), and the flow JSON versions each flow has had
-- (the text itself is in flow_json, once per sha256).
CREATE TABLE flow_history (
  id bigserial PRIMARY KEY,
  account_id text NOT NULL,
  channel_id text NOT NULL,
  flow_id text NOT NULL,
  provider text NOT NULL,
  flow_name text NOT NULL,
  at timestamptz NOT NULL,
  source text NOT NULL CHECK (source IN ('sync', 'live')),
  kind text NOT NULL,
  from_value text,
  to_value text,
  detail jsonb,
  dedupe_key text NOT NULL UNIQUE
);
--> statement-breakpoint
CREATE INDEX flow_history_flow ON flow_history (account_id, channel_id, flow_id, id DESC);
--> statement-breakpoint
CREATE INDEX flow_history_at ON flow_history (at DESC, id DESC);
--> statement-breakpoint
CREATE TABLE flow_snapshots (
  account_id text NOT NULL,
  channel_id text NOT NULL,
  flow_id text NOT NULL,
  snapshot jsonb NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, channel_id, flow_id)
);
--> statement-breakpoint
CREATE TABLE flow_json_versions (
  account_id text NOT NULL,
  channel_id text NOT NULL,
  flow_id text NOT NULL,
  sha256 text NOT NULL,
  first_seen_at timestamptz NOT NULL,
  status text,
  error_count integer,
  PRIMARY KEY (account_id, channel_id, flow_id, sha256)
);
--> statement-breakpoint
CREATE INDEX flow_json_versions_sha ON flow_json_versions (sha256);
