-- Issue 16: the twin of SQLite's 0001_audit_append_only, 0007_audit_subjects and 0014_issue_14_e_checkpoints
-- triggers, by the same names: the database itself refuses to change or delete the audit trail, its subjects
-- and what a signed checkpoint says (only a checkpoint's outbox reference may change). PostgreSQL also has
-- TRUNCATE, which row triggers do not see: a statement trigger refuses it. Beyond the triggers, the operator runs
-- the application as a role that does not own these tables and revokes UPDATE, DELETE and TRUNCATE on them from
-- it (docs/deployment.md, "PostgreSQL"), so that dropping a trigger needs another role.
CREATE FUNCTION tietoni_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION tietoni_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION tietoni_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION tietoni_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_subjects_no_update BEFORE UPDATE ON audit_subjects FOR EACH ROW EXECUTE FUNCTION tietoni_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_subjects_no_delete BEFORE DELETE ON audit_subjects FOR EACH ROW EXECUTE FUNCTION tietoni_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_subjects_no_truncate BEFORE TRUNCATE ON audit_subjects FOR EACH STATEMENT EXECUTE FUNCTION tietoni_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OF seq, head, at, key_id, signature ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION tietoni_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION tietoni_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION tietoni_append_only();
