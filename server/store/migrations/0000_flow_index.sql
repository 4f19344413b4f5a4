CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE channels (
  account_id text NOT NULL,
  channel_id text NOT NULL,
  provider text NOT NULL,
  listed_at timestamptz,
  last_started_at timestamptz,
  last_success_at timestamptz,
  last_error jsonb,
  last_error_at timestamptz,
  running jsonb,
  lease_owner text,
  lease_until timestamptz,
  PRIMARY KEY (account_id, channel_id)
);
--> statement-breakpoint
CREATE TABLE flows (
  account_id text NOT NULL,
  channel_id text NOT NULL,
  flow_id text NOT NULL,
  provider text NOT NULL,
  name text NOT NULL,
  status text NOT NULL,
  categories text[],
  validation_errors jsonb,
  error_codes text[] NOT NULL DEFAULT '{}',
  error_count integer,
  health jsonb,
  health_level text,
  json_version text,
  data_api_version text,
  endpoint_uri text,
  json_sha256 text,
  search_text text NOT NULL DEFAULT '',
  details_at timestamptz,
  first_seen_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  gone_at timestamptz,
  PRIMARY KEY (account_id, channel_id, flow_id)
);
--> statement-breakpoint
CREATE INDEX flows_search_text ON flows USING gin (search_text gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX flows_error_codes ON flows USING gin (error_codes);
--> statement-breakpoint
CREATE INDEX flows_status ON flows (status);
--> statement-breakpoint
CREATE INDEX flows_name ON flows (lower(name), flow_id);
--> statement-breakpoint
CREATE TABLE flow_json (
  sha256 text PRIMARY KEY,
  text text NOT NULL,
  bytes integer NOT NULL,
  first_seen_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE TABLE request_budget (
  key text PRIMARY KEY,
  calls timestamptz[] NOT NULL DEFAULT '{}'
);
