-- Issue 16: SQLite's INTEGER PRIMARY KEY takes the next value when NULL is inserted, and drizzle's SQLite builder
-- (which writes every statement of the services, on both engines) inserts NULL for an omitted key. The twin: an
-- identity column (0000_baseline) plus this trigger, which fills a NULL key from the column's own sequence before
-- the NOT NULL check. One trigger per column of db/postgres/schema-source.ts's autoIncrementColumns(), named
-- <table>_<column>_next; schema-twins.test.ts checks the list.
CREATE FUNCTION tietoni_next_key() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  key_column text := TG_ARGV[0];
  key_sequence text := pg_get_serial_sequence(quote_ident(TG_TABLE_NAME), key_column);
  given bigint := (to_jsonb(NEW) ->> key_column)::bigint;
BEGIN
  IF given IS NULL THEN
    NEW := jsonb_populate_record(NEW, jsonb_build_object(key_column, nextval(key_sequence)));
  ELSIF given > coalesce(pg_sequence_last_value(key_sequence::regclass), 0) THEN
    -- An explicit key (a seed, a copy from SQLite) moves the sequence past it, as SQLite's max(rowid) + 1 does.
    PERFORM setval(key_sequence, given);
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_seq_next" BEFORE INSERT ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION tietoni_next_key('seq');
--> statement-breakpoint
CREATE TRIGGER "correction_notifications_id_next" BEFORE INSERT ON "correction_notifications"
  FOR EACH ROW EXECUTE FUNCTION tietoni_next_key('id');
--> statement-breakpoint
CREATE TRIGGER "customer_sign_ins_id_next" BEFORE INSERT ON "customer_sign_ins"
  FOR EACH ROW EXECUTE FUNCTION tietoni_next_key('id');
--> statement-breakpoint
CREATE TRIGGER "datum_sources_id_next" BEFORE INSERT ON "datum_sources"
  FOR EACH ROW EXECUTE FUNCTION tietoni_next_key('id');
--> statement-breakpoint
CREATE TRIGGER "downloads_id_next" BEFORE INSERT ON "downloads"
  FOR EACH ROW EXECUTE FUNCTION tietoni_next_key('id');
--> statement-breakpoint
CREATE TRIGGER "field_changes_id_next" BEFORE INSERT ON "field_changes"
  FOR EACH ROW EXECUTE FUNCTION tietoni_next_key('id');
--> statement-breakpoint
CREATE TRIGGER "inbound_issues_id_next" BEFORE INSERT ON "inbound_issues"
  FOR EACH ROW EXECUTE FUNCTION tietoni_next_key('id');
--> statement-breakpoint
CREATE TRIGGER "ip_addresses_id_next" BEFORE INSERT ON "ip_addresses"
  FOR EACH ROW EXECUTE FUNCTION tietoni_next_key('id');
--> statement-breakpoint
CREATE TRIGGER "marketing_events_id_next" BEFORE INSERT ON "marketing_events"
  FOR EACH ROW EXECUTE FUNCTION tietoni_next_key('id');
--> statement-breakpoint
CREATE TRIGGER "notice_versions_id_next" BEFORE INSERT ON "notice_versions"
  FOR EACH ROW EXECUTE FUNCTION tietoni_next_key('id');
--> statement-breakpoint
CREATE TRIGGER "order_lines_id_next" BEFORE INSERT ON "order_lines"
  FOR EACH ROW EXECUTE FUNCTION tietoni_next_key('id');
--> statement-breakpoint
CREATE TRIGGER "request_events_id_next" BEFORE INSERT ON "request_events"
  FOR EACH ROW EXECUTE FUNCTION tietoni_next_key('id');
