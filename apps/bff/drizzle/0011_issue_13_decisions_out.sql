CREATE TABLE `disclosures` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`at` integer NOT NULL,
	`channel` text NOT NULL,
	`system_id` text,
	`notice_recipient_id` text,
	`categories` text NOT NULL,
	`legal_basis` text NOT NULL,
	`reason` text NOT NULL,
	`event_type` text,
	`outbox_id` text,
	`recorded_by` text,
	FOREIGN KEY (`system_id`) REFERENCES `connected_systems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disclosures_customer_idx` ON `disclosures` (`customer_id`,`at`);--> statement-breakpoint
CREATE INDEX `disclosures_system_idx` ON `disclosures` (`system_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`topic` text NOT NULL,
	`status` text NOT NULL,
	`body` text,
	`body_expires_at` integer,
	`customer_id` text,
	`request_id` text,
	`required` integer DEFAULT false NOT NULL,
	`endpoint_id` text,
	`params` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`last_attempt_at` integer,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	`dead_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_customer_idx` ON `outbox` (`customer_id`);--> statement-breakpoint
CREATE INDEX `outbox_request_idx` ON `outbox` (`request_id`);--> statement-breakpoint
CREATE INDEX `outbox_created_idx` ON `outbox` (`created_at`);--> statement-breakpoint
CREATE TABLE `recipient_notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`request_id` text,
	`trigger` text NOT NULL,
	`categories` text NOT NULL,
	`party_kind` text NOT NULL,
	`party_id` text NOT NULL,
	`method` text NOT NULL,
	`status` text NOT NULL,
	`outbox_id` text,
	`created_at` integer NOT NULL,
	`done_at` integer,
	`done_by` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recipient_notifications_customer_idx` ON `recipient_notifications` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `recipient_notifications_request_idx` ON `recipient_notifications` (`request_id`);--> statement-breakpoint
CREATE INDEX `recipient_notifications_open_idx` ON `recipient_notifications` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `recipient_notifications_outbox_idx` ON `recipient_notifications` (`outbox_id`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`system_id` text NOT NULL,
	`url` text NOT NULL,
	`description` text,
	`event_types` text NOT NULL,
	`categories` text NOT NULL,
	`secret` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer,
	FOREIGN KEY (`system_id`) REFERENCES `connected_systems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_system_idx` ON `webhook_endpoints` (`system_id`);--> statement-breakpoint
ALTER TABLE `restrictions` ADD `lift_notice_outbox_id` text;--> statement-breakpoint
ALTER TABLE `restrictions` ADD `lift_told_otherwise_at` integer;--> statement-breakpoint
ALTER TABLE `restrictions` ADD `lift_told_otherwise_by` text REFERENCES staff_users(id);--> statement-breakpoint
ALTER TABLE `restrictions` ADD `lift_told_otherwise_method` text;