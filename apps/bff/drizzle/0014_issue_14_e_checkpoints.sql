-- Issue 14 E: the audit trail's signed checkpoints are append-only like the trail itself: the database refuses to
-- change what a checkpoint says (its entry, head, time, key and signature) and to delete one. Only the reference to
-- its outbox mail may change. Someone who bypasses this (drops the trigger) still cannot forge a signature, and the
-- DPO's copies show a removed checkpoint.
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OF seq, head, at, key_id, signature ON audit_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;
