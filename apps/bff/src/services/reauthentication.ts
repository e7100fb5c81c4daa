import { emailChangeLimits, freshUntil, iso, signInCodePolicy } from "@tietoni/domain";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { takeCustomerAction } from "../auth/customer-limits.ts";
import { randomDigits, tryStoredCode } from "../auth/mailed-codes.ts";
import { randomToken, sha256Hex } from "../auth/tokens.ts";
import { customerSessions, customers, reauthenticationCodes } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { reauthenticationCodeMail } from "../mail/templates.ts";
import { customerMailLanguage } from "../notice/notice.ts";
import { appendAudit } from "./audit.ts";
import type { ChangingCustomer } from "./contact.ts";
import { fail, notFound, type Result, transact } from "./result.ts";

/*
 * Re-authentication before a change that moves the account (the e-mail address, ASVS 5.0 V7.5.1): a fresh code to
 * the customer's CURRENT address proves the mailbox again. The code follows the sign-in code policy (6 digits,
 * 10 minutes, 5 attempts, single use, salted hash) in a table of its own, and is bound to the session that asked
 * for it: a code read from the mailbox re-confirms that browser only, never another session.
 */

/** The row id salts the hash, so equal codes never share a digest; the prefix keeps it apart from other codes. */
function hashReauthenticationCode(id: string, code: string): string {
  return sha256Hex(`reauthentication:${id}:${code}`);
}

/**
 * Mails a re-authentication code to the current address; earlier unused codes of this session stop working. At
 * most 5 a day per customer: a borrowed session must not flood the owner's mailbox (the owner is never blocked by
 * it, since a fresh sign-in needs no code).
 */
export function requestReauthenticationCode(
  { db, mail, now }: Pick<Deps, "db" | "mail" | "now">,
  customer: ChangingCustomer,
): Promise<Result> {
  const at = now();
  return transact(db, async (tx) => {
    const row = await tx
      .select({ email: customers.email, language: customers.language })
      .from(customers)
      .where(eq(customers.id, customer.id))
      .get();
    if (!row?.email) return notFound();
    const allowed = await takeCustomerAction(
      tx,
      {
        customerId: customer.id,
        action: "reauthentication-code",
        max: emailChangeLimits.maxReauthenticationCodesPerDay,
        windowMs: emailChangeLimits.dayMs,
      },
      at,
    );
    if (!allowed) return fail(429, "reauthentication_limit");

    await tx
      .update(reauthenticationCodes)
      .set({ consumedAt: at })
      .where(
        and(
          eq(reauthenticationCodes.customerId, customer.id),
          eq(reauthenticationCodes.sessionId, customer.sessionId),
          isNull(reauthenticationCodes.consumedAt),
        ),
      );
    const id = randomToken();
    const code = randomDigits(signInCodePolicy.digits);
    await tx.insert(reauthenticationCodes).values({
      id,
      customerId: customer.id,
      sessionId: customer.sessionId,
      codeHash: hashReauthenticationCode(id, code),
      createdAt: at,
      expiresAt: at + signInCodePolicy.validForMs,
    });
    await mail.enqueueMail(tx, reauthenticationCodeMail(row.email, customerMailLanguage(row.language), code), {
      template: "reauthentication_code",
      customerId: customer.id,
      bodyExpiresAt: at + signInCodePolicy.validForMs,
    });
    return { ok: true };
  });
}

/**
 * Tries a code against this session's newest one. Every try counts and is kept even when wrong (so not
 * `transact`); a right code is consumed, marks the session re-authenticated now and is audited, in one transaction.
 */
export function confirmReauthentication(
  { db, now }: Pick<Deps, "db" | "now">,
  customer: ChangingCustomer,
  code: string,
): Promise<Result<{ freshUntil: string }>> {
  const at = now();
  return db.transaction(async (tx): Promise<Result<{ freshUntil: string }>> => {
    const latest = await tx
      .select()
      .from(reauthenticationCodes)
      .where(
        and(eq(reauthenticationCodes.customerId, customer.id), eq(reauthenticationCodes.sessionId, customer.sessionId)),
      )
      // Two codes of the same millisecond: the later insert is the newest (rowid on both engines, issue 16).
      .orderBy(desc(reauthenticationCodes.createdAt), sql`rowid DESC`)
      .limit(1)
      .get();
    const tried = tryStoredCode(latest, code, hashReauthenticationCode, at);
    if (!tried) return fail(400, "code_invalid");
    await tx.update(reauthenticationCodes).set(tried.set).where(eq(reauthenticationCodes.id, tried.id));
    if (!tried.matches) return fail(400, "code_invalid");

    const session = await tx
      .update(customerSessions)
      .set({ reauthenticatedAt: at })
      .where(and(eq(customerSessions.id, customer.sessionId), eq(customerSessions.customerId, customer.id)))
      .returning({ createdAt: customerSessions.createdAt, reauthenticatedAt: customerSessions.reauthenticatedAt })
      .get();
    if (!session) return notFound();
    await appendAudit(
      tx,
      {
        actor: { type: "customer", id: customer.id },
        action: "customer.reauthenticated",
        customerId: customer.id,
        detail: { sessionId: customer.sessionId },
        ip: customer.client?.ip ?? null,
      },
      at,
    );
    return { ok: true, freshUntil: iso(freshUntil(session)) };
  });
}
