import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/port.ts";
import { restrictions } from "../db/schema.ts";

/** The restriction in force on a customer's record, if any (Art. 18). */
export function activeRestriction(db: Pick<Db, "select">, customerId: string) {
  return (
    db
      .select()
      .from(restrictions)
      .where(and(eq(restrictions.customerId, customerId), isNull(restrictions.liftedAt)))
      .orderBy(desc(restrictions.appliedAt))
      .limit(1)
      .get() ?? null
  );
}
