import { randomInt } from "node:crypto";
import { checkDirectEdit, checkSignInCode, iso, type PostalAddress, signInCodePolicy } from "@tietoni/domain";
import { and, desc, eq, isNull, ne } from "drizzle-orm";
import { digestsEqual, randomToken, sha256Hex } from "../auth/tokens.ts";
import type { Queries } from "../db/port.ts";
import { customerSessions, customers, emailChanges, fieldChanges, signInCodes } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { emailChangeCodeMail, emailChangedNoticeMail } from "../mail/templates.ts";
import { activeRestriction } from "./restriction.ts";
import { fail, notFound, type Result, transact } from "./result.ts";

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
  { db, now }: Pick<Deps, "db" | "now">,
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
    }
    return { ok: true, changed: changes.map((ch) => ch.field) };
  });
}

/*
 * E-mail change codes follow the sign-in code policy (decision 003: 6 digits, 10 minutes, 5 attempts,
 * single use, salted hash) but live in their own table, so a sign-in code never confirms an address.
 */

/** The row id salts the hash, so equal codes never share a digest. */
function hashEmailChangeCode(id: string, code: string): string {
  return sha256Hex(`email-change:${id}:${code}`);
}

function newCode(): string {
  return String(randomInt(0, 10 ** signInCodePolicy.digits)).padStart(signInCodePolicy.digits, "0");
}

/**
 * Starts a change of e-mail address: stores a pending change with a code, mailed to the new address once stored,
 * and retires earlier pending ones. Whether another customer holds the address is not checked here, so
 * this step tells nobody which addresses are registered.
 */
export function startEmailChange(
  { db, mail, now }: Pick<Deps, "db" | "mail" | "now">,
  customerId: string,
  newEmail: string,
): Promise<Result> {
  const at = now();
  return transact(db, async (tx) => {
    if (await isRestricted(tx, customerId)) return restricted();
    const current = await tx
      .select({ email: customers.email })
      .from(customers)
      .where(eq(customers.id, customerId))
      .get();
    if (current?.email === newEmail) return fail(400, "email_unchanged");

    const id = randomToken();
    const code = newCode();
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
    mail.enqueueMail(tx, emailChangeCodeMail(newEmail, code));
    return { ok: true };
  });
}

/**
 * Confirms the newest pending change with its code. Every try counts toward the limit and is kept even
 * when the code is wrong (so not `transact`: those refusals commit the try). On success, in one transaction: the
 * address changes, the history gets a row, the change is consumed, the customer's other sessions end (whoever
 * changed the address elsewhere is out), unused sign-in codes are retired (they were mailed to the old address),
 * and the old address is told, so a change the owner did not make does not go unnoticed.
 */
export function confirmEmailChange(
  { db, mail, now }: Pick<Deps, "db" | "mail" | "now">,
  customer: { id: string; sessionId: string },
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
      .orderBy(desc(emailChanges.createdAt))
      .limit(1)
      .get();
    if (!pending || checkSignInCode(pending, at) !== "usable") return fail(400, "code_invalid");
    const matches = digestsEqual(pending.codeHash, hashEmailChangeCode(pending.id, code));
    await tx
      .update(emailChanges)
      .set({ attempts: pending.attempts + 1, consumedAt: matches ? at : null })
      .where(eq(emailChanges.id, pending.id));
    if (!matches) return fail(400, "code_invalid");

    const holder = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.email, pending.newEmail), ne(customers.id, customerId)))
      .get();
    if (holder) return fail(409, "email_unavailable");

    const row = await tx.select({ email: customers.email }).from(customers).where(eq(customers.id, customerId)).get();
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
    await tx
      .delete(customerSessions)
      .where(and(eq(customerSessions.customerId, customerId), ne(customerSessions.id, customer.sessionId)));
    await tx
      .update(signInCodes)
      .set({ consumedAt: at })
      .where(and(eq(signInCodes.customerId, customerId), isNull(signInCodes.consumedAt)));
    if (oldEmail) mail.enqueueMail(tx, emailChangedNoticeMail(oldEmail, maskEmail(pending.newEmail)));
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
