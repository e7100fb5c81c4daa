-- Staff search index (issue 6, P4): an FTS5 trigram index over the searchable text of every active customer,
-- kept in step by triggers, so the search reads an index instead of scanning 1,000,000 customers with LIKE.
-- Read by apps/bff/src/services/customer-search.ts. Not declared in schema.ts: drizzle-kit knows no virtual tables.
--
-- customer_search_docs holds what is indexed, one row per customer who is not anonymised: the name, the e-mail
-- and the names of every organisation the customer has a role in (joined by U+001F). It is the FTS table's
-- external content, so a change removes exactly the text that was indexed; its INTEGER PRIMARY KEY keeps the
-- FTS rowids stable across VACUUM (the customers table's implicit rowid is not). detail=none: the search checks
-- every candidate against the exact rule anyway, so the index needs no positions and stays small.
CREATE TABLE `customer_search_docs` (
	`doc_id` integer PRIMARY KEY,
	`customer_id` text NOT NULL UNIQUE,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`email` text,
	`organisations` text
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `customer_search` USING fts5(
	first_name, last_name, email, organisations,
	content = 'customer_search_docs', content_rowid = 'doc_id',
	tokenize = 'trigram', detail = 'none'
);
--> statement-breakpoint
-- Backfill: every active customer, in the order they were added.
INSERT INTO `customer_search_docs` (`customer_id`, `first_name`, `last_name`, `email`, `organisations`)
SELECT c.`id`, c.`first_name`, c.`last_name`, c.`email`,
	(SELECT group_concat(o.`name`, char(31)) FROM `organisation_roles` r JOIN `organisations` o ON o.`id` = r.`organisation_id`
	 WHERE r.`customer_id` = c.`id`)
FROM `customers` c WHERE c.`anonymised_at` IS NULL ORDER BY c.`rowid`;
--> statement-breakpoint
INSERT INTO `customer_search` (`customer_search`) VALUES ('rebuild');
--> statement-breakpoint
-- The FTS index follows its content table (the external-content triggers of the FTS5 documentation).
CREATE TRIGGER `customer_search_docs_ai` AFTER INSERT ON `customer_search_docs` BEGIN
	INSERT INTO `customer_search` (rowid, first_name, last_name, email, organisations)
	VALUES (new.`doc_id`, new.`first_name`, new.`last_name`, new.`email`, new.`organisations`);
END;
--> statement-breakpoint
CREATE TRIGGER `customer_search_docs_ad` AFTER DELETE ON `customer_search_docs` BEGIN
	INSERT INTO `customer_search` (`customer_search`, rowid, first_name, last_name, email, organisations)
	VALUES ('delete', old.`doc_id`, old.`first_name`, old.`last_name`, old.`email`, old.`organisations`);
END;
--> statement-breakpoint
CREATE TRIGGER `customer_search_docs_au` AFTER UPDATE ON `customer_search_docs` BEGIN
	INSERT INTO `customer_search` (`customer_search`, rowid, first_name, last_name, email, organisations)
	VALUES ('delete', old.`doc_id`, old.`first_name`, old.`last_name`, old.`email`, old.`organisations`);
	INSERT INTO `customer_search` (rowid, first_name, last_name, email, organisations)
	VALUES (new.`doc_id`, new.`first_name`, new.`last_name`, new.`email`, new.`organisations`);
END;
--> statement-breakpoint
-- The content table follows the register: customers added, changed, anonymised (leave the index) or deleted.
CREATE TRIGGER `customers_search_ai` AFTER INSERT ON `customers` WHEN new.`anonymised_at` IS NULL BEGIN
	INSERT INTO `customer_search_docs` (`customer_id`, `first_name`, `last_name`, `email`, `organisations`)
	VALUES (new.`id`, new.`first_name`, new.`last_name`, new.`email`,
		(SELECT group_concat(o.`name`, char(31)) FROM `organisation_roles` r JOIN `organisations` o ON o.`id` = r.`organisation_id`
		 WHERE r.`customer_id` = new.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_au` AFTER UPDATE OF `id`, `first_name`, `last_name`, `email`, `anonymised_at` ON `customers` BEGIN
	DELETE FROM `customer_search_docs` WHERE `customer_id` = old.`id` AND new.`anonymised_at` IS NOT NULL;
	UPDATE `customer_search_docs`
	SET `customer_id` = new.`id`, `first_name` = new.`first_name`, `last_name` = new.`last_name`, `email` = new.`email`
	WHERE `customer_id` = old.`id` AND new.`anonymised_at` IS NULL;
	INSERT INTO `customer_search_docs` (`customer_id`, `first_name`, `last_name`, `email`, `organisations`)
	SELECT new.`id`, new.`first_name`, new.`last_name`, new.`email`,
		(SELECT group_concat(o.`name`, char(31)) FROM `organisation_roles` r JOIN `organisations` o ON o.`id` = r.`organisation_id`
		 WHERE r.`customer_id` = new.`id`)
	WHERE new.`anonymised_at` IS NULL AND NOT EXISTS (SELECT 1 FROM `customer_search_docs` WHERE `customer_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_ad` AFTER DELETE ON `customers` BEGIN
	DELETE FROM `customer_search_docs` WHERE `customer_id` = old.`id`;
END;
--> statement-breakpoint
-- Organisation roles and organisation names: the affected customers' organisation text is read again.
CREATE TRIGGER `organisation_roles_search_ai` AFTER INSERT ON `organisation_roles` BEGIN
	UPDATE `customer_search_docs` SET `organisations` =
		(SELECT group_concat(o.`name`, char(31)) FROM `organisation_roles` r JOIN `organisations` o ON o.`id` = r.`organisation_id`
		 WHERE r.`customer_id` = new.`customer_id`)
	WHERE `customer_id` = new.`customer_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `organisation_roles_search_ad` AFTER DELETE ON `organisation_roles` BEGIN
	UPDATE `customer_search_docs` SET `organisations` =
		(SELECT group_concat(o.`name`, char(31)) FROM `organisation_roles` r JOIN `organisations` o ON o.`id` = r.`organisation_id`
		 WHERE r.`customer_id` = old.`customer_id`)
	WHERE `customer_id` = old.`customer_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `organisation_roles_search_au` AFTER UPDATE OF `customer_id`, `organisation_id` ON `organisation_roles` BEGIN
	UPDATE `customer_search_docs` SET `organisations` =
		(SELECT group_concat(o.`name`, char(31)) FROM `organisation_roles` r JOIN `organisations` o ON o.`id` = r.`organisation_id`
		 WHERE r.`customer_id` = `customer_search_docs`.`customer_id`)
	WHERE `customer_id` IN (old.`customer_id`, new.`customer_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `organisations_search_au` AFTER UPDATE OF `id`, `name` ON `organisations` BEGIN
	UPDATE `customer_search_docs` SET `organisations` =
		(SELECT group_concat(o.`name`, char(31)) FROM `organisation_roles` r JOIN `organisations` o ON o.`id` = r.`organisation_id`
		 WHERE r.`customer_id` = `customer_search_docs`.`customer_id`)
	WHERE `customer_id` IN (SELECT `customer_id` FROM `organisation_roles` WHERE `organisation_id` IN (old.`id`, new.`id`));
END;
