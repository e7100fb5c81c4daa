-- Issue 14 C: no trace of an erased customer in the staff-search index (docs/security.md, "Issue 14 C").
-- Without it a deleted document is only marked deleted: its name and e-mail trigrams stay in the index's segments
-- (customer_search_data) until a merge happens to rewrite them. With FTS5's secure-delete option (SQLite 3.42+; the
-- bundled better-sqlite3 has 3.51) a delete removes the document's entries from the segments at once. The option
-- is kept in customer_search_config, so it holds on every connection from now on.
INSERT INTO `customer_search` (`customer_search`, `rank`) VALUES ('secure-delete', 1);
--> statement-breakpoint
-- Documents deleted before this migration: one merge of every segment writes the index again without them. The
-- old segment pages are freed and, with the connection's secure_delete pragma (db/client.ts), zeroed.
INSERT INTO `customer_search` (`customer_search`) VALUES ('optimize');
