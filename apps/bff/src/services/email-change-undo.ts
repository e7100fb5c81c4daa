import { checkEmailChangeUndo } from "@tietoni/domain";
import { and, eq, isNull, ne } from "drizzle-orm";
import { digestsEqual, sha256Hex } from "../auth/tokens.ts";
import {
  customerSessions,
  customers,
  emailChanges,
  emailChangeUndos,
  fieldChanges,
  reauthenticationCodes,
  signInCodes,
} from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import type { ClientInfo } from "../http/client-info.ts";
import { appendAudit } from "./audit.ts";
import { emitCustomerEvent } from "./outbox/events.ts";
import { fail, type Result, transact } from "./result.ts";

const UNDONE = "Change undone with the link mailed to the previous address";

/**
 * Undoes an e-mail change with the link mailed to the old address (`id.secret`), within 7 days and once: the old
 * address is back, every session of the customer ends (whoever changed it is out, and so is everyone else; the
 * owner signs in again with the old address), pending changes and codes are retired, and every other undo link of
 * the customer stops working, so a hijacker cannot undo the owner's undo with a link of their own. Refused, changing
 * nothing, when the link is unknown, used or expired, or when another customer has taken the old address since.
 *
 * Needs no session: the link is the proof, from the mailbox the change was taken away from. Allowed on a restricted
 * record too: it puts back the data the record had, undoing a change its owner did not make.
 */
export function undoEmailChange(
  { db, outbox, now }: Pick<Deps, "db" | "outbox" | "now">,
  token: string,
  client: ClientInfo,
): Promise<Result<{ sessionsEnded: number }>> {
  const at = now();
  const [id = "", secret = ""] = token.split(".");
  return transact(db, async (tx) => {
    const undo = await tx.select().from(emailChangeUndos).where(eq(emailChangeUndos.id, id)).get();
    if (!undo || !digestsEqual(undo.secretHash, sha256Hex(secret))) return fail(400, "undo_link_invalid");
    const state = checkEmailChangeUndo(undo, at);
    if (state === "used") return fail(409, "undo_link_used");
    if (state === "expired") return fail(409, "undo_link_expired");

    const customer = await tx
      .select({ email: customers.email, anonymisedAt: customers.anonymisedAt })
      .from(customers)
      .where(eq(customers.id, undo.customerId))
      .get();
    if (!customer || customer.anonymisedAt !== null) return fail(400, "undo_link_invalid");
    const holder = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.email, undo.oldEmail), ne(customers.id, undo.customerId)))
      .get();
    if (holder) return fail(409, "undo_email_taken");

    const customerId = undo.customerId;
    if (customer.email !== undo.oldEmail) {
      await tx.update(customers).set({ email: undo.oldEmail }).where(eq(customers.id, customerId));
      await tx.insert(fieldChanges).values({
        customerId,
        field: "email",
        oldValue: customer.email,
        newValue: undo.oldEmail,
        at,
        actorType: "customer",
        actorId: customerId,
        reason: UNDONE,
      });
      await emitCustomerEvent(
        tx,
        { outbox, now },
        { type: "customer.contact_changed", customerId, categories: ["email"] },
      );
    }
    await tx
      .update(emailChangeUndos)
      .set({ usedAt: at })
      .where(and(eq(emailChangeUndos.customerId, customerId), isNull(emailChangeUndos.usedAt)));
    const { changes: sessionsEnded } = await tx
      .delete(customerSessions)
      .where(eq(customerSessions.customerId, customerId))
      .run();
    for (const table of [emailChanges, signInCodes, reauthenticationCodes]) {
      await tx
        .update(table)
        .set({ consumedAt: at })
        .where(and(eq(table.customerId, customerId), isNull(table.consumedAt)));
    }
    await appendAudit(
      tx,
      {
        actor: { type: "customer", id: customerId },
        action: "customer.email_change.undone",
        customerId,
        detail: { undoId: undo.id, sessionsEnded },
        ip: client.ip,
      },
      at,
    );
    return { ok: true, sessionsEnded };
  });
}
