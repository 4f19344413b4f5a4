CREATE TABLE auth_sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  user_email text,
  user_name text,
  user_groups text[] NOT NULL DEFAULT '{}',
  id_token text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
--> statement-breakpoint
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);
--> statement-breakpoint
CREATE INDEX auth_sessions_email ON auth_sessions (user_email);
--> statement-breakpoint
CREATE INDEX auth_sessions_expires ON auth_sessions (expires_at);
--> statement-breakpoint
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  action text NOT NULL,
  user_name text NOT NULL,
  account_id text,
  channel_id text,
  flow_id text,
  address text,
  detail text
);
--> statement-breakpoint
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
--> statement-breakpoint
CREATE INDEX audit_log_user ON audit_log (lower(user_name), at DESC);
--> statement-breakpoint
CREATE INDEX audit_log_account ON audit_log (account_id, at DESC);
--> statement-breakpoint
CREATE INDEX audit_log_flow ON audit_log (flow_id, at DESC);
