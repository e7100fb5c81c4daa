CREATE TABLE `correction_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`party_kind` text NOT NULL,
	`party_id` text NOT NULL,
	`notified_at` integer NOT NULL,
	`notified_by` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`notified_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `correction_notifications_unique` ON `correction_notifications` (`request_id`,`party_kind`,`party_id`);--> statement-breakpoint
CREATE TABLE `sign_in_attempts` (
	`key` text NOT NULL,
	`window_start` integer NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`key`, `window_start`)
);
--> statement-breakpoint
ALTER TABLE `staff_users` ADD `totp_secret` text;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `totp_enabled_at` integer;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `password_changed_at` integer;