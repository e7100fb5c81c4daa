import type { AuditFilters } from "./get-audit-entries.ts";

export type AuditExportFormat = "csv" | "json";

/**
 * Issue 14 G: the trail's export is a plain link: the browser streams the file with the session cookie, and the BFF
 * audits the export before the first byte. The same filters as the page shows (empty ones left out).
 */
export const auditExportUrl = (format: AuditExportFormat, filters: AuditFilters) => {
  const query = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  return `/api/staff/audit/export?${query}`;
};
