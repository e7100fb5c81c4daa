import { and, eq, isNull } from "drizzle-orm";
import type { SessionStore } from "../auth/session-store.ts";
import { issueSignInCode, redeemSignInCode } from "../auth/sign-in-codes.ts";
import { beginCodeAttempt, beginCodeRequest, codeAttemptSucceeded } from "../auth/sign-in-limits.ts";
import type { Queries } from "../db/port.ts";
import { customerSignIns, customers, ipAddresses } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import type { ClientInfo } from "../http/client-info.ts";
import { signInCodeMail } from "../mail/templates.ts";
import { applyGpcSignal } from "./marketing.ts";
import { fail, type Result } from "./result.ts";

/* Customer sign-in with a one-time code mailed to the registered address (decision 003). */

export type CustomerSignInDeps = Pick<Deps, "db" | "mail" | "now"> & { sessions: SessionStore };

const findByEmail = (q: Queries, email: string) =>
  q
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.email, email), isNull(customers.anonymisedAt)))
    .get();

/**
 * Counts the request, then issues and mails a code if the address belongs to a customer. Refused (429) only by
 * the limits, which are counted before the lookup, so the refusal costs the same whether or not the address is
 * registered.
 *
 * Enumeration safety: the answer must not tell whether the address is registered, neither by what it says (always
 * "sent") nor by when it comes. Issuing a code writes and waits for an fsync, which an unknown address would not,
 * so the lookup, the code and its mail run after the caller has answered (`setImmediate`: the answer is written
 * first). The mail is queued in the code's transaction and leaves once the code is stored.
 */
export async function requestSignInCode(
  { db, mail, now }: Pick<Deps, "db" | "mail" | "now">,
  { email, ip }: { email: string; ip: string | null },
): Promise<Result> {
  const at = now();
  if (!(await beginCodeRequest(db, { email, ip }, at))) return fail(429, "rate_limited");
  setImmediate(() => {
    db.transaction(async (tx) => {
      const customer = await findByEmail(tx, email);
      if (!customer) return;
      const code = await issueSignInCode(tx, customer.id, at);
      mail.enqueueMail(tx, signInCodeMail(email, code));
    }).catch((error: unknown) => console.error("[auth] sign-in code not issued", error));
  });
  return { ok: true };
}

/**
 * Checks a code and, when it is right, signs the customer in: the counters clear, the session and the sign-in
 * (with its IP address, which "My data" shows) are recorded in one transaction, so one fsync. A browser sending
 * Global Privacy Control objects to marketing at every sign-in (see services/marketing.ts).
 *
 * Not `transact`: a wrong code is an answer whose try must be committed (it counts toward the code's limit).
 */
export async function verifySignInCode(
  { db, sessions, now }: CustomerSignInDeps,
  { email, code, gpc }: { email: string; code: string; gpc: boolean },
  client: ClientInfo,
): Promise<Result<{ token: string }>> {
  const at = now();
  const attempt = { email, ip: client.ip };
  // Failures across codes, per address and per account; unknown addresses are counted the same.
  if (!(await beginCodeAttempt(db, attempt, at))) return fail(429, "rate_limited");
  return db.transaction(async (tx): Promise<Result<{ token: string }>> => {
    const customer = await findByEmail(tx, email);
    if (!customer || !(await redeemSignInCode(tx, customer.id, code, at))) return fail(400, "code_invalid");
    await codeAttemptSucceeded(tx, attempt, at);
    const session = await sessions.create(customer.id, at, client, tx);
    await tx
      .insert(customerSignIns)
      .values({ customerId: customer.id, at, ip: client.ip, userAgent: client.userAgent });
    // The notice lists IP numbers among the data held; the customer sees them under "My data".
    if (client.ip) await tx.insert(ipAddresses).values({ customerId: customer.id, ip: client.ip, seenAt: at });
    if (gpc) await applyGpcSignal(tx, customer.id, at);
    return { ok: true, token: session.token };
  });
}
