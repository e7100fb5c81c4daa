import { iso } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import type { Db } from "../db/port.ts";
import { requests, restrictions } from "../db/schema.ts";
import { appendAudit, byStaff, type StaffActor } from "./audit.ts";
import { customerState, type RestrictionView, restrictionViewWithNotice } from "./restriction.ts";
import { notFound, type Result, transact } from "./result.ts";

type RequestRow = typeof requests.$inferSelect;

export type OperationRequest = {
  request: {
    id: string;
    type: RequestRow["type"];
    state: RequestRow["state"];
    customerId: string;
    restrictionGround: RequestRow["restrictionGround"];
    decidedAt: string | null;
  };
  /** The restriction this request put in place, lifted or not. */
  restriction: RestrictionView | null;
  customerAnonymised: boolean;
};

/** Which operation a request calls for and where it stands, for the operations page; the look is audited. */
export function viewOperationRequest(
  db: Db,
  requestId: string,
  actor: StaffActor,
  now: number,
): Promise<Result<{ view: OperationRequest }>> {
  return transact(db, async (tx) => {
    const row = await tx.select().from(requests).where(eq(requests.id, requestId)).get();
    if (!row) return notFound();
    const restriction = await tx.select().from(restrictions).where(eq(restrictions.requestId, requestId)).get();
    const customer = await customerState(tx, row.customerId);
    await appendAudit(
      tx,
      byStaff(actor, { action: "operations.request.viewed", customerId: row.customerId, detail: { requestId } }),
      now,
    );
    const view: OperationRequest = {
      request: {
        id: row.id,
        type: row.type,
        state: row.state,
        customerId: row.customerId,
        restrictionGround: row.restrictionGround,
        decidedAt: iso(row.decidedAt),
      },
      restriction: restriction ? await restrictionViewWithNotice(tx, restriction) : null,
      customerAnonymised: customer !== undefined && customer.anonymisedAt !== null,
    };
    return { ok: true, view };
  });
}
