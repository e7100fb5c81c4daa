CREATE TABLE `notice_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`notice_date` text NOT NULL,
	`controller_name` text NOT NULL,
	`recorded_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `customers` ADD `notice_seen_version_id` integer;