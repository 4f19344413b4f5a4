-- The fleet search is answered from memory (server/search), fed by the rows written since it last
-- read: each flow row carries the id of the transaction that last wrote it. A reader remembers the
-- oldest transaction still running when it read (pg_snapshot_xmin), so a write that commits later,
-- even one that began earlier, is read next time.
ALTER TABLE flows ADD COLUMN row_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
--> statement-breakpoint
CREATE FUNCTION flows_row_xid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.row_xid := pg_current_xact_id();
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER flows_row_xid BEFORE UPDATE ON flows FOR EACH ROW EXECUTE FUNCTION flows_row_xid();
--> statement-breakpoint
-- Read in write order, a page at a time (keyset over the whole key).
CREATE INDEX flows_feed ON flows (row_xid, account_id, channel_id, flow_id);
--> statement-breakpoint
-- Searches no longer run in SQL: their indexes only slowed the writes.
DROP INDEX flows_search_text;
--> statement-breakpoint
DROP INDEX flows_error_codes;
--> statement-breakpoint
DROP INDEX flows_status;
--> statement-breakpoint
DROP INDEX flows_name;
