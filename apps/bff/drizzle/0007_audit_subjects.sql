CREATE TABLE `audit_subjects` (
	`customer_id` text NOT NULL,
	`seq` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `seq`),
	FOREIGN KEY (`seq`) REFERENCES `audit_log`(`seq`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_subjects_seq_idx` ON `audit_subjects` (`seq`);
--> statement-breakpoint
-- Append-only like audit_log itself.
CREATE TRIGGER audit_subjects_no_update BEFORE UPDATE ON audit_subjects
BEGIN
  SELECT RAISE(ABORT, 'audit_subjects is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_subjects_no_delete BEFORE DELETE ON audit_subjects
BEGIN
  SELECT RAISE(ABORT, 'audit_subjects is append-only');
END;
--> statement-breakpoint
-- Searches recorded before this migration named their results in the detail: index those. Mailing lists
-- recorded before it kept only a count, so they cannot be traced to the customers they held.
INSERT OR IGNORE INTO audit_subjects (customer_id, seq)
SELECT DISTINCT j.value, a.seq FROM audit_log a, json_each(a.detail, '$.resultIds') j
WHERE a.action = 'customer.search' AND json_valid(a.detail);
