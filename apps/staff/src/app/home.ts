import { paths } from "../config/paths.ts";

/*
 * Issue 14 G: the data-protection officer reads the audit trail and the request statistics and nothing else of the
 * register (the BFF refuses them the rest, 403). The app follows: their home is the trail, and every other page is
 * "no access" — an allowlist, so a page added later is closed to them without a thought.
 */

/** Where a staff member lands: the register's search for those who work it, the audit trail for the dpo. */
export function homeFor(role: string | undefined): string {
  return role === "dpo" ? paths.audit : paths.customers;
}

/** The pages a dpo may open: the trail (with its export), the statistics, the notice check, their sign-in security. */
const dpoPages: readonly string[] = [
  paths.audit,
  paths.requestStatistics,
  paths.noticeCheck,
  paths.security,
  paths.changePassword,
];

/** Whether `role` may open the page at `pathname` (only the dpo is limited here; the BFF decides the rest). */
export function mayOpen(role: string, pathname: string): boolean {
  return role !== "dpo" || dpoPages.includes(pathname);
}
