import {
  checkDirectEdit,
  emailChangeLimits,
  emailChangeUndoPolicy,
  iso,
  isRecentlyAuthenticated,
  type PostalAddress,
  signInCodePolicy,
} from "@tietoni/domain";
import { and, desc, eq, isNull, ne, sql } from "drizzle-orm";
import { takeCustomerAction } from "../auth/customer-limits.ts";
import { randomDigits, tryStoredCode } from "../auth/mailed-codes.ts";
import { randomToken, sha256Hex } from "../auth/tokens.ts";
import type { Queries } from "../db/port.ts";
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
import { emailChangeCodeMail, emailChangedUndoMail } from "../mail/templates.ts";
import { customerMailLanguage } from "../notice/notice.ts";
import { appendAudit } from "./audit.ts";
import { emitCustomerEvent } from "./outbox/events.ts";
import { activeRestriction } from "./restriction.ts";
import { fail, notFound, type Result, transact } from "./result.ts";

/** The signed-in customer making a change: who, in which session, from where (for the audit trail). */
export type ChangingCustomer = { id: string; sessionId: string; client?: ClientInfo };

const OWN_CORRECTION = "Customer's own correction in the portal";

type ContactUpdate = {
  phone?: string | null;
  postalAddress?: PostalAddress | null;
  www?: string | null;
};

type AddressColumns = { street: string | null; postalCode: string | null; city: string | null; country: string | null };

/** The address as one line for the history, e.g. "Piiskakuja 1, 20380 Turku, FI"; missing parts are left out. */
function addressLine(a: AddressColumns): string | null {
  const place = [a.postalCode, a.city].filter(Boolean).join(" ");
  return [a.street, place, a.country].filter(Boolean).join(", ") || null;
}

async function isRestricted(q: Queries, customerId: string) {
  return !checkDirectEdit({ restricted: (await activeRestriction(q, customerId)) !== null }).allowed;
}

const restricted = () => fail(409, "record_restricted");

/**
 * The customer's direct edit of phone, postal address and www (Art. 16). Only fields that really change
 * are written, each with one history row, in one transaction with the check for a restriction (Art. 18).
 */
export function updateContact(
  { db, outbox, now }: Pick<Deps, "db" | "outbox" | "now">,
  customerId: string,
  input: ContactUpdate,
): Promise<Result<{ changed: ("phone" | "postalAddress" | "www")[] }>> {
  const at = now();
  return transact(db, async (tx) => {
    if (await isRestricted(tx, customerId)) return restricted();
    const row = await tx.select().from(customers).where(eq(customers.id, customerId)).get();
    if (!row) return notFound();

    const changes: { field: "phone" | "postalAddress" | "www"; oldValue: string | null; newValue: string | null }[] =
      [];
    const set: Partial<typeof customers.$inferInsert> = {};
    if (input.phone !== undefined && input.phone !== row.phone) {
      changes.push({ field: "phone", oldValue: row.phone, newValue: input.phone });
      set.phone = input.phone;
    }
    if (input.www !== undefined && input.www !== row.www) {
      changes.push({ field: "www", oldValue: row.www, newValue: input.www });
      set.www = input.www;
    }
    if (input.postalAddress !== undefined) {
      const next: AddressColumns = input.postalAddress ?? { street: null, postalCode: null, city: null, country: null };
      const fields = ["street", "postalCode", "city", "country"] as const;
      if (fields.some((f) => next[f] !== row[f])) {
        changes.push({ field: "postalAddress", oldValue: addressLine(row), newValue: addressLine(next) });
        set.street = next.street;
        set.postalCode = next.postalCode;
        set.city = next.city;
        set.country = next.country;
      }
    }

    if (changes.length > 0) {
      await tx.update(customers).set(set).where(eq(customers.id, customerId));
      await tx.insert(fieldChanges).values(
        changes.map((ch) => ({
          customerId,
          ...ch,
          at,
          actorType: "customer" as const,
          actorId: customerId,
          reason: OWN_CORRECTION,
        })),
      );
      // The fields' names are the categories' ids (phone, postalAddress, www).
      await emitCustomerEvent(
        tx,
        { outbox, now },
        { type: "customer.contact_changed", customerId, categories: changes.map((ch) => ch.field) },
      );
    }
    return { ok: true, changed: changes.map((ch) => ch.field) };
  });
}

/*
 * E-mail change codes follow `signInCodePolicy` (6 digits, 10 minutes, 5 attempts, single use, salted hash) and live
 * in their own table, so a sign-in code never confirms an address. Sign-in codes are longer (8 digits, decision 010)
 * because anyone may try them; these can be tried only from a signed-in, freshly re-authenticated session, a few
 * times a day (`emailChangeLimits`).
 */

/** The row id salts the hash, so equal codes never share a digest. */
function hashEmailChangeCode(id: string, code: string): string {
  return sha256Hex(`email-change:${id}:${code}`);
}

/**
 * Whether the session proved the mailbox recently enough to move the account to another address: signed in, or
 * re-authenticated with a code to the current address, within the last 5 minutes (ASVS 5.0 V7.5.1). Read from the
 * row, in the caller's transaction, not from what the session middleware loaded.
 */
export async function sessionIsFresh(q: Queries, customer: ChangingCustomer, at: number): Promise<boolean> {
  const session = await q
    .select({ createdAt: customerSessions.createdAt, reauthenticatedAt: customerSessions.reauthenticatedAt })
    .from(customerSessions)
    .where(and(eq(customerSessions.id, customer.sessionId), eq(customerSessions.customerId, customer.id)))
    .get();
  return session !== undefined && isRecentlyAuthenticated(session, at);
}

/**
 * Starts a change of e-mail address: stores a pending change with a code, mailed to the new address once stored,
 * and retires earlier pending ones. Only a session that proved the mailbox in the last 5 minutes may start one (a
 * borrowed session must not move the account), and at most 5 a day per customer (each mails an address the
 * customer chooses). Whether another customer holds the address is not checked here, so this step tells nobody
 * which addresses are registered.
 */
export function startEmailChange(
  { db, mail, now }: Pick<Deps, "db" | "mail" | "now">,
  customer: ChangingCustomer,
  newEmail: string,
): Promise<Result> {
  const at = now();
  const customerId = customer.id;
  return transact(db, async (tx) => {
    if (await isRestricted(tx, customerId)) return restricted();
    if (!(await sessionIsFresh(tx, customer, at))) return fail(403, "reauthentication_required");
    const current = await tx
      .select({ email: customers.email, language: customers.language })
      .from(customers)
      .where(eq(customers.id, customerId))
      .get();
    if (current?.email === newEmail) return fail(400, "email_unchanged");
    const allowed = await takeCustomerAction(
      tx,
      { customerId, action: "email-change", max: emailChangeLimits.maxStartsPerDay, windowMs: emailChangeLimits.dayMs },
      at,
    );
    if (!allowed) return fail(429, "email_change_limit");

    const id = randomToken();
    const code = randomDigits(signInCodePolicy.digits);
    await tx
      .update(emailChanges)
      .set({ consumedAt: at })
      .where(and(eq(emailChanges.customerId, customerId), isNull(emailChanges.consumedAt)));
    await tx.insert(emailChanges).values({
      id,
      customerId,
      newEmail,
      codeHash: hashEmailChangeCode(id, code),
      createdAt: at,
      expiresAt: at + signInCodePolicy.validForMs,
    });
    // Neither address nor code in the trail: the change's id ties the entry to the pending row.
    await appendAudit(
      tx,
      {
        actor: { type: "customer", id: customerId },
        action: "customer.email_change.started",
        customerId,
        detail: { changeId: id, sessionId: customer.sessionId },
        ip: customer.client?.ip ?? null,
      },
      at,
    );
    await mail.enqueueMail(tx, emailChangeCodeMail(newEmail, customerMailLanguage(current?.language), code), {
      template: "email_change_code",
      customerId,
      bodyExpiresAt: at + signInCodePolicy.validForMs,
    });
    return { ok: true };
  });
}

/**
 * Confirms the newest pending change with its code. Every try counts toward the limit and is kept even
 * when the code is wrong (so not `transact`: those refusals commit the try). On success, in one transaction: the
 * address changes, the history gets a row, the change is consumed, the customer's other sessions end (whoever
 * changed the address elsewhere is out), unused sign-in and re-authentication codes are retired (they were mailed
 * to the old address), and the old address is told, with a link that puts it back for 7 days
 * (services/email-change-undo.ts), so a change the owner did not make does not go unnoticed nor stay for good.
 */
export function confirmEmailChange(
  { db, env, mail, outbox, now }: Pick<Deps, "db" | "env" | "mail" | "outbox" | "now">,
  customer: ChangingCustomer,
  code: string,
): Promise<Result<{ email: string }>> {
  const at = now();
  const customerId = customer.id;
  return db.transaction(async (tx): Promise<Result<{ email: string }>> => {
    if (await isRestricted(tx, customerId)) return restricted();
    const pending = await tx
      .select()
      .from(emailChanges)
      .where(eq(emailChanges.customerId, customerId))
      // Two changes started in the same millisecond: the later insert is the pending one (issue 16).
      .orderBy(desc(emailChanges.createdAt), sql`rowid DESC`)
      .limit(1)
      .get();
    const tried = tryStoredCode(pending, code, hashEmailChangeCode, at);
    if (!pending || !tried) return fail(400, "code_invalid");
    await tx.update(emailChanges).set(tried.set).where(eq(emailChanges.id, tried.id));
    if (!tried.matches) return fail(400, "code_invalid");

    const holder = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.email, pending.newEmail), ne(customers.id, customerId)))
      .get();
    if (holder) return fail(409, "email_unavailable");

    const row = await tx
      .select({ email: customers.email, language: customers.language })
      .from(customers)
      .where(eq(customers.id, customerId))
      .get();
    const oldEmail = row?.email ?? null;
    await tx.update(customers).set({ email: pending.newEmail }).where(eq(customers.id, customerId));
    await tx.insert(fieldChanges).values({
      customerId,
      field: "email",
      oldValue: oldEmail,
      newValue: pending.newEmail,
      at,
      actorType: "customer",
      actorId: customerId,
      reason: OWN_CORRECTION,
    });
    await emitCustomerEvent(
      tx,
      { outbox, now },
      { type: "customer.contact_changed", customerId, categories: ["email"] },
    );
    const { changes: otherSessionsEnded } = await tx
      .delete(customerSessions)
      .where(and(eq(customerSessions.customerId, customerId), ne(customerSessions.id, customer.sessionId)))
      .run();
    await tx
      .update(signInCodes)
      .set({ consumedAt: at })
      .where(and(eq(signInCodes.customerId, customerId), isNull(signInCodes.consumedAt)));
    await tx
      .update(reauthenticationCodes)
      .set({ consumedAt: at })
      .where(and(eq(reauthenticationCodes.customerId, customerId), isNull(reauthenticationCodes.consumedAt)));

    let undoId: string | null = null;
    if (oldEmail) {
      // The secret is 120 random bits, so its plain SHA-256 is enough (like a session's); only the hash is kept.
      undoId = randomToken();
      const secret = randomToken();
      const expiresAt = at + emailChangeUndoPolicy.validForMs;
      await tx.insert(emailChangeUndos).values({
        id: undoId,
        customerId,
        secretHash: sha256Hex(secret),
        oldEmail,
        newEmail: pending.newEmail,
        createdAt: at,
        expiresAt,
      });
      const undoUrl = `${env.portalOrigin}/email-change/undo#${undoId}.${secret}`;
      const locale = customerMailLanguage(row?.language);
      await mail.enqueueMail(
        tx,
        emailChangedUndoMail(oldEmail, locale, maskEmail(pending.newEmail), undoUrl, expiresAt),
        {
          template: "email_changed_undo",
          customerId,
          bodyExpiresAt: expiresAt,
        },
      );
    }
    await appendAudit(
      tx,
      {
        actor: { type: "customer", id: customerId },
        action: "customer.email_changed",
        customerId,
        detail: { changeId: pending.id, undoId, sessionId: customer.sessionId, otherSessionsEnded },
        ip: customer.client?.ip ?? null,
      },
      at,
    );
    return { ok: true, email: pending.newEmail };
  });
}

/** "aino@example.com" → "a***@example.com": enough for the owner to recognise, little for anyone else. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at <= 0 ? "***" : `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** Every change to the customer's data, newest first: old value, new value, when, by whom, why. */
export async function readFieldChanges(q: Queries, customerId: string) {
  const rows = await q
    .select({
      field: fieldChanges.field,
      oldValue: fieldChanges.oldValue,
      newValue: fieldChanges.newValue,
      at: fieldChanges.at,
      actorType: fieldChanges.actorType,
      reason: fieldChanges.reason,
    })
    .from(fieldChanges)
    .where(eq(fieldChanges.customerId, customerId))
    .orderBy(desc(fieldChanges.at), desc(fieldChanges.id));
  return rows.map((ch) => ({ ...ch, at: iso(ch.at) }));
}
