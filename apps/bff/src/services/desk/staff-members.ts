import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import type { Queries } from "../../db/port.ts";
import { staffUsers } from "../../db/schema.ts";

/** Who may be given requests: staff whose account is active and who have signed the confidentiality commitment. */
const assignable = and(isNull(staffUsers.disabledAt), isNotNull(staffUsers.confidentialitySignedOn));

export async function activeStaffMember(q: Queries, id: string) {
  return (
    (await q
      .select({ id: staffUsers.id, displayName: staffUsers.displayName })
      .from(staffUsers)
      .where(and(eq(staffUsers.id, id), assignable))
      .get()) ?? null
  );
}

/** The staff members a request can be assigned to, by name. */
export async function listAssignableStaff(q: Queries) {
  return await q
    .select({ id: staffUsers.id, displayName: staffUsers.displayName })
    .from(staffUsers)
    .where(assignable)
    .orderBy(asc(staffUsers.displayName));
}
