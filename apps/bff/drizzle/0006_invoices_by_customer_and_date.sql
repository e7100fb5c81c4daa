DROP INDEX `invoices_customer_idx`;--> statement-breakpoint
CREATE INDEX `invoices_customer_issued_idx` ON `invoices` (`customer_id`,`issued_at`,`invoice_number`);