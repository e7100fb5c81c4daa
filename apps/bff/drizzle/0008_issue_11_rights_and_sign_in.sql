CREATE TABLE `email_change_undos` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`secret_hash` text NOT NULL,
	`old_email` text NOT NULL,
	`new_email` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `email_change_undos_customer_idx` ON `email_change_undos` (`customer_id`);--> statement-breakpoint
CREATE TABLE `reauthentication_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`session_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`consumed_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reauthentication_codes_customer_idx` ON `reauthentication_codes` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `staff_role_policies` (
	`role` text PRIMARY KEY NOT NULL,
	`second_factor_required` integer DEFAULT true NOT NULL,
	`reason` text,
	`changed_by` text,
	`changed_at` integer,
	FOREIGN KEY (`changed_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `customer_sessions` ADD `reauthenticated_at` integer;--> statement-breakpoint
ALTER TABLE `restrictions` ADD `lift_reason` text;--> statement-breakpoint
ALTER TABLE `restrictions` ADD `ended_by_request_id` text REFERENCES requests(id);--> statement-breakpoint
ALTER TABLE `sign_in_codes` ADD `link_hash` text;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `totp_last_step` integer;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `must_change_password` integer DEFAULT false NOT NULL;