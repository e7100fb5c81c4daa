CREATE TABLE `audit_checkpoints` (
	`seq` integer PRIMARY KEY NOT NULL,
	`head` text NOT NULL,
	`at` integer NOT NULL,
	`key_id` text NOT NULL,
	`signature` text NOT NULL,
	`outbox_id` text
);
--> statement-breakpoint
CREATE TABLE `four_eyes_policy` (
	`id` integer PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`reason` text,
	`changed_by` text,
	`changed_at` integer,
	FOREIGN KEY (`changed_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`job` text NOT NULL,
	`trigger` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`status` text NOT NULL,
	`lease_until` integer,
	`result` text
);
--> statement-breakpoint
CREATE INDEX `job_runs_job_idx` ON `job_runs` (`job`,`started_at`);--> statement-breakpoint
CREATE TABLE `partial_erasures` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`request_id` text,
	`erased_at` integer NOT NULL,
	`erased` text NOT NULL,
	`kept` text NOT NULL,
	`remainder_erased_at` integer,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partial_erasures_customer_idx` ON `partial_erasures` (`customer_id`);--> statement-breakpoint
CREATE INDEX `partial_erasures_open_idx` ON `partial_erasures` (`remainder_erased_at`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `key_id` text;--> statement-breakpoint
ALTER TABLE `legal_holds` ADD `keeps` text;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `approval_pending` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `approved_by` text;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `approved_at` integer;