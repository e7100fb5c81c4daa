CREATE TABLE `api_clients` (
	`id` text PRIMARY KEY NOT NULL,
	`system_id` text NOT NULL,
	`name` text NOT NULL,
	`secret_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`requests_per_minute` integer,
	`created_at` integer NOT NULL,
	`created_by` text,
	`secret_rotated_at` integer,
	`last_used_at` integer,
	`revoked_at` integer,
	`revoked_by` text,
	FOREIGN KEY (`system_id`) REFERENCES `connected_systems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_clients_name_unique` ON `api_clients` (`name`);--> statement-breakpoint
CREATE INDEX `api_clients_system_idx` ON `api_clients` (`system_id`);--> statement-breakpoint
CREATE TABLE `connected_systems` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`notice_party_kind` text NOT NULL,
	`notice_party_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connected_systems_name_unique` ON `connected_systems` (`name`);--> statement-breakpoint
CREATE TABLE `erased_emails` (
	`email_hash` text PRIMARY KEY NOT NULL,
	`erased_on` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `external_ids` (
	`system_id` text NOT NULL,
	`kind` text NOT NULL,
	`external_id` text NOT NULL,
	`local_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`system_id`, `kind`, `external_id`),
	FOREIGN KEY (`system_id`) REFERENCES `connected_systems`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `external_ids_local_idx` ON `external_ids` (`kind`,`local_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`client_id` text NOT NULL,
	`key` text NOT NULL,
	`request_digest` text NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`client_id`, `key`),
	FOREIGN KEY (`client_id`) REFERENCES `api_clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`system_id` text NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`dry_run` integer NOT NULL,
	`accept_valid` integer DEFAULT false NOT NULL,
	`file_name` text NOT NULL,
	`file_digest` text NOT NULL,
	`file_bytes` integer NOT NULL,
	`total_rows` integer DEFAULT 0 NOT NULL,
	`done_rows` integer DEFAULT 0 NOT NULL,
	`counts` text DEFAULT '{}' NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`started_at` integer NOT NULL,
	`heartbeat_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`system_id`) REFERENCES `connected_systems`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imports_digest_idx` ON `imports` (`file_digest`,`started_at`);--> statement-breakpoint
CREATE TABLE `inbound_issues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`system_id` text NOT NULL,
	`channel` text NOT NULL,
	`import_id` text,
	`line` integer,
	`external_id` text,
	`customer_id` text,
	`kind` text NOT NULL,
	`code` text,
	`field` text,
	`incoming_value` text,
	`incoming_at` integer,
	`current_at` integer,
	`current_by` text,
	`detail` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by` text,
	`resolution` text,
	FOREIGN KEY (`system_id`) REFERENCES `connected_systems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inbound_issues_import_idx` ON `inbound_issues` (`import_id`,`line`);--> statement-breakpoint
CREATE INDEX `inbound_issues_open_idx` ON `inbound_issues` (`resolved_at`,`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `inbound_issues_customer_idx` ON `inbound_issues` (`customer_id`);--> statement-breakpoint
CREATE TABLE `legal_holds` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`reason` text NOT NULL,
	`reference` text,
	`ends_on` text,
	`set_at` integer NOT NULL,
	`set_by_type` text NOT NULL,
	`set_by_id` text,
	`cleared_at` integer,
	`cleared_by_type` text,
	`cleared_by_id` text,
	`clear_reason` text,
	`approved_by` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `legal_holds_customer_idx` ON `legal_holds` (`customer_id`);--> statement-breakpoint
CREATE TABLE `pending_approvals` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`operation` text NOT NULL,
	`payload` text NOT NULL,
	`reason` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`outcome` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pending_approvals_open_idx` ON `pending_approvals` (`decided_at`,`requested_at`);--> statement-breakpoint
CREATE INDEX `pending_approvals_customer_idx` ON `pending_approvals` (`customer_id`);--> statement-breakpoint
ALTER TABLE `customers` ADD `language` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `address_protected` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `data_as_of` integer;--> statement-breakpoint
ALTER TABLE `datum_sources` ADD `system_id` text REFERENCES connected_systems(id);--> statement-breakpoint
ALTER TABLE `field_changes` ADD `source_system_id` text REFERENCES connected_systems(id);--> statement-breakpoint
ALTER TABLE `field_changes` ADD `source_at` integer;--> statement-breakpoint
ALTER TABLE `invoices` ADD `collection_agency` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `written_off_on` text;--> statement-breakpoint
ALTER TABLE `invoices` ADD `status_changed_at` integer;--> statement-breakpoint
ALTER TABLE `marketing_events` ADD `system_id` text REFERENCES connected_systems(id);--> statement-breakpoint
ALTER TABLE `requests` ADD `identity_method` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `identity_verified_by` text REFERENCES staff_users(id);--> statement-breakpoint
ALTER TABLE `requests` ADD `identity_verified_at` integer;--> statement-breakpoint
-- The legal-hold flag becomes a row with a reason (0010 drops the flag): a hold set before this release keeps
-- blocking erasure, and says where it came from.
INSERT INTO `legal_holds` (`id`, `customer_id`, `reason`, `set_at`, `set_by_type`)
SELECT lower(hex(randomblob(16))), `id`, 'Set before legal holds were recorded with a reason (migration 0009)',
       CAST(unixepoch('subsec') * 1000 AS INTEGER), 'system'
FROM `customers` WHERE `legal_hold` = 1;
