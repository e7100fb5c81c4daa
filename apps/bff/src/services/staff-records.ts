import {
  type CorrectableField,
  type CorrectCustomerInput,
  type CreateCustomerInput,
  checkCorrectionUnderRestriction,
  type DataCategoryId,
  diffObjections,
  fieldCategory,
  helsinkiDate,
  type Locale,
  marketingPurposes,
  type RecordObjectionInput,
  type StaffCorrectableField,
} from "@tietoni/domain";
import { and, eq, isNull, ne } from "drizzle-orm";
import { randomToken } from "../auth/tokens.ts";
import type { Queries, Tx } from "../db/port.ts";
import {
  billingDetails,
  customerSessions,
  customers,
  datumSources,
  emailChanges,
  fieldChanges,
  organisationRoles,
  reauthenticationCodes,
  signInCodes,
} from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { emailCorrectedByStaffMail } from "../mail/record-keeping-templates.ts";
import { customerMailLanguage } from "../notice/notice.ts";
import { appendAudit, auditActorOf, byStaff, type StaffActor } from "./audit.ts";
import { maskEmail } from "./contact.ts";
import { languageChanged } from "./customer-language.ts";
import { applyStaffObjections, readObjections } from "./marketing.ts";
import { findOrCreateOrganisation, moveToOrganisation } from "./organisation-roles.ts";
import { emitCustomerEvent } from "./outbox/events.ts";
import { currentValueOf } from "./requests.ts";
import { restrictionsInForce } from "./restriction.ts";
import { fail, notFound, type Result, transact } from "./result.ts";

/*
 * Staff record-keeping, part 1 (issue 12): creating a customer, correcting any field, recording an objection that
 * came by phone, letter or e-mail. Each runs in one transaction with its field history (`field_changes`, actor
 * staff, with the staff member's reason) and its audit entry, whose detail holds ids and field names only: the
 * reason is free text that may name the customer, so it lives in the history, which an erasure removes, and never
 * in the trail, which outlives it.
 */

type StaffDeps = Pick<Deps, "db" | "now">;
type StaffEventDeps = Pick<Deps, "db" | "outbox" | "now">;

/** The categories a `customer.contact_changed` event carries; billing corrections go as `correction_applied`. */
const contactCategories = new Set<DataCategoryId>(["name", "organisation", "email", "phone", "postalAddress", "www"]);

/**
 * Where data typed in by staff comes from, in the notice's terms (register description `sources`):
 * - a new customer's data is what the person gives on becoming a customer, through customer service instead of a
 *   form: the notice's `registration` ("Data you give when you register as a customer");
 * - a correction is a notice the customer gives during the relationship: `customerNotice` ("Notices you give
 *   during the customer relationship"), as the desk's approved corrections record it (desk/apply-correction.ts).
 * The detail says it was customer service that typed it in, in both languages (the portal shows it as is).
 */
const STAFF_ENTRY = "asiakaspalvelu / customer service";

async function noteSource(
  tx: Tx,
  customerId: string,
  category: DataCategoryId,
  source: "registration" | "customerNotice",
  at: number,
) {
  const noted = await tx
    .select({ id: datumSources.id })
    .from(datumSources)
    .where(
      and(
        eq(datumSources.customerId, customerId),
        eq(datumSources.category, category),
        eq(datumSources.source, source),
      ),
    )
    .get();
  if (!noted) {
    await tx.insert(datumSources).values({ customerId, category, source, notedAt: at, detail: STAFF_ENTRY });
  }
}

/** Another customer holding the address (an anonymised one holds none). */
async function emailHolder(q: Queries, email: string, exceptId?: string) {
  return q
    .select({ id: customers.id })
    .from(customers)
    .where(exceptId ? and(eq(customers.email, email), ne(customers.id, exceptId)) : eq(customers.email, email))
    .get();
}

const historyRow = (customerId: string, actor: StaffActor, at: number, reason: string) => ({
  customerId,
  at,
  actorType: "staff" as const,
  actorId: actor.id,
  reason,
});

/**
 * A customer created by staff, with the organisation role when one is given. The e-mail address is unique when
 * given (409 `email_unavailable`). Each given field gets a history row (nothing → value) carrying the reason and its
 * source (`registration`).
 */
export function createCustomerByStaff(
  { db, now }: StaffDeps,
  input: CreateCustomerInput,
  actor: StaffActor,
): Promise<Result<{ id: string }>> {
  const at = now();
  const today = helsinkiDate(at);
  return transact(db, async (tx) => {
    if (input.email && (await emailHolder(tx, input.email))) return fail(409, "email_unavailable", "email");
    const relationshipStart = input.relationshipStart ?? today;
    if (relationshipStart > today) return fail(400, "date_in_future", "relationshipStart");
    const id = randomToken();
    const address = input.postalAddress;
    await tx.insert(customers).values({
      id,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      phone: input.phone,
      street: address?.street ?? null,
      postalCode: address?.postalCode ?? null,
      city: address?.city ?? null,
      country: address?.country ?? null,
      www: input.www,
      language: input.language,
      relationshipStart,
      createdAt: at,
      dataAsOf: at,
    });

    const given: { field: string; category: DataCategoryId | null; value: string }[] = [
      { field: "firstName", category: "name", value: input.firstName },
      { field: "lastName", category: "name", value: input.lastName },
    ];
    if (input.email) given.push({ field: "email", category: "email", value: input.email });
    if (input.phone) given.push({ field: "phone", category: "phone", value: input.phone });
    if (input.www) given.push({ field: "www", category: "www", value: input.www });
    if (address) {
      const value = (await currentValueOf(tx, id, "postalAddress")) ?? "";
      given.push({ field: "postalAddress", category: "postalAddress", value });
    }
    if (input.language) given.push({ field: "language", category: null, value: input.language });
    let organisationId: string | null = null;
    if (input.organisation) {
      const org = await findOrCreateOrganisation(tx, input.organisation);
      organisationId = org.id;
      await tx.insert(organisationRoles).values({
        id: randomToken(),
        customerId: id,
        organisationId: org.id,
        role: input.organisation.role,
        startDate: relationshipStart,
        endDate: null,
      });
      given.push({ field: "organisation", category: "organisation", value: org.name });
    }
    await tx.insert(fieldChanges).values(
      given.map((g) => ({
        ...historyRow(id, actor, at, input.reason),
        field: g.field,
        oldValue: null,
        newValue: g.value,
      })),
    );
    for (const category of new Set(given.flatMap((g) => (g.category ? [g.category] : [])))) {
      await noteSource(tx, id, category, "registration", at);
    }
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "customer.created",
        customerId: id,
        detail: { fields: given.map((g) => g.field), organisationId },
      }),
      at,
    );
    return { ok: true, id };
  });
}

/** The fields whose old and new values `currentValueOf` reads, as the desk's corrections do. */
const requestFields = new Set<string>([
  "firstName",
  "lastName",
  "organisation",
  "billingName",
  "billingAddress",
  "eInvoiceAddress",
  "phone",
  "postalAddress",
  "www",
]);

async function fieldValue(q: Queries, customerId: string, field: StaffCorrectableField): Promise<string | null> {
  if (requestFields.has(field)) return currentValueOf(q, customerId, field as CorrectableField);
  const row = await q
    .select({ email: customers.email, language: customers.language, relationshipStart: customers.relationshipStart })
    .from(customers)
    .where(eq(customers.id, customerId))
    .get();
  if (!row) return null;
  return field === "email" ? row.email : field === "language" ? row.language : row.relationshipStart;
}

/** Ends every session of the customer and retires every code mailed to the address that no longer holds. */
async function endSessionsAndCodes(tx: Tx, customerId: string, at: number): Promise<number> {
  const { changes } = await tx.delete(customerSessions).where(eq(customerSessions.customerId, customerId)).run();
  for (const table of [signInCodes, reauthenticationCodes, emailChanges]) {
    await tx
      .update(table)
      .set({ consumedAt: at })
      .where(and(eq(table.customerId, customerId), isNull(table.consumedAt)));
  }
  return changes;
}

/**
 * Staff correct any of the customer's fields (a phone call, a letter, an e-mail), the contact fields included:
 * a customer whose e-mail address is wrong can neither sign in nor fix it themselves.
 *
 * - A restricted record follows the rule the desk applies to a customer's correction request
 *   (`checkCorrectionUnderRestriction`): refused with the same code under any ground but "accuracy contested".
 *   Unlike an approved request, a staff correction does not end that restriction: lifting it is staff's own
 *   recorded decision (the restriction page), not a side effect of typing.
 * - A new e-mail address: unique (409 `email_unavailable`); every session of the customer ends and every code
 *   mailed to the old address is retired; both the old and the new address are told (no undo link, see the
 *   template). The search index follows by its triggers (migration 0005).
 * - The organisation: the customer's current role moves to the organisation typed (found by business ID or name,
 *   or created). The organisation itself is never renamed: its other members' records do not change.
 */
export function correctCustomerByStaff(
  { db, mail, outbox, now }: Pick<Deps, "db" | "mail" | "outbox" | "now">,
  customerId: string,
  input: CorrectCustomerInput,
  actor: StaffActor,
): Promise<Result<{ changed: StaffCorrectableField[] }>> {
  const at = now();
  const today = helsinkiDate(at);
  return transact(db, async (tx) => {
    const row = await tx
      .select()
      .from(customers)
      .where(and(eq(customers.id, customerId), isNull(customers.anonymisedAt)))
      .get();
    if (!row) return notFound();
    const c = input.changes;
    const fields = (Object.keys(c) as StaffCorrectableField[]).filter((f) => c[f] !== undefined);
    // The mail language is no processed datum but how we write to the customer (issue 13): a restricted customer
    // may still ask for their mail in the other language.
    if (fields.some((f) => f !== "language")) {
      const underRestriction = checkCorrectionUnderRestriction(await restrictionsInForce(tx, customerId));
      if (!underRestriction.allowed) return fail(409, underRestriction.reason);
    }

    const before = new Map<StaffCorrectableField, string | null>();
    for (const f of fields) before.set(f, await fieldValue(tx, customerId, f));

    const set: Partial<typeof customers.$inferInsert> = {};
    if (c.firstName !== undefined) set.firstName = c.firstName;
    if (c.lastName !== undefined) set.lastName = c.lastName;
    if (c.phone !== undefined) set.phone = c.phone;
    if (c.www !== undefined) set.www = c.www;
    if (c.language !== undefined) set.language = c.language;
    if (c.relationshipStart !== undefined) {
      if (c.relationshipStart > today) return fail(400, "date_in_future", "changes.relationshipStart");
      if (row.relationshipEnd !== null && row.relationshipEnd < c.relationshipStart) {
        return fail(400, "end_before_start", "changes.relationshipStart");
      }
      set.relationshipStart = c.relationshipStart;
    }
    if (c.postalAddress !== undefined) {
      const a = c.postalAddress;
      set.street = a?.street ?? null;
      set.postalCode = a?.postalCode ?? null;
      set.city = a?.city ?? null;
      set.country = a?.country ?? null;
    }
    const emailChanged = c.email !== undefined && c.email !== row.email;
    if (emailChanged) {
      if (c.email && (await emailHolder(tx, c.email, customerId)))
        return fail(409, "email_unavailable", "changes.email");
      set.email = c.email ?? null;
    }
    if (Object.keys(set).length > 0) await tx.update(customers).set(set).where(eq(customers.id, customerId));

    let organisationId: string | null = null;
    if (c.organisation !== undefined) organisationId = await moveToOrganisation(tx, customerId, c.organisation, today);

    if (c.billingName !== undefined || c.eInvoiceAddress !== undefined || c.billingAddress !== undefined) {
      const billing = await tx.select().from(billingDetails).where(eq(billingDetails.customerId, customerId)).get();
      const values: Partial<typeof billingDetails.$inferInsert> = {};
      if (c.billingName !== undefined) values.billingName = c.billingName;
      if (c.eInvoiceAddress !== undefined) values.eInvoiceAddress = c.eInvoiceAddress;
      if (c.billingAddress !== undefined) {
        values.street = c.billingAddress.street;
        values.postalCode = c.billingAddress.postalCode;
        values.city = c.billingAddress.city;
        values.country = c.billingAddress.country;
      }
      if (billing) {
        await tx.update(billingDetails).set(values).where(eq(billingDetails.customerId, customerId));
      } else if (c.billingAddress !== undefined) {
        // Billing details need an address; with one they can be made, named after the customer unless told.
        await tx.insert(billingDetails).values({
          customerId,
          billingName: c.billingName ?? `${set.firstName ?? row.firstName} ${set.lastName ?? row.lastName}`,
          street: c.billingAddress.street,
          postalCode: c.billingAddress.postalCode,
          city: c.billingAddress.city,
          country: c.billingAddress.country,
          eInvoiceAddress: c.eInvoiceAddress ?? null,
        });
      } else {
        return fail(409, "billing_missing");
      }
    }

    const changes: { field: StaffCorrectableField; oldValue: string | null; newValue: string | null }[] = [];
    for (const f of fields) {
      const newValue = await fieldValue(tx, customerId, f);
      const oldValue = before.get(f) ?? null;
      if (newValue !== oldValue) changes.push({ field: f, oldValue, newValue });
    }
    if (changes.length === 0) return { ok: true, changed: [] };
    await tx
      .insert(fieldChanges)
      .values(changes.map((ch) => ({ ...historyRow(customerId, actor, at, input.reason), ...ch })));
    for (const ch of changes) {
      const category = categoryOf(ch.field);
      if (category) await noteSource(tx, customerId, category, "customerNotice", at);
    }

    // The connected systems hear of it in this transaction: contact data as `contact_changed`, billing data (which
    // that event does not carry) as `correction_applied` with the fields corrected.
    const categories = [...new Set(changes.flatMap((ch) => categoryOf(ch.field) ?? []))];
    const contact = categories.filter((k) => contactCategories.has(k));
    if (contact.length > 0) {
      await emitCustomerEvent(
        tx,
        { outbox, now },
        { type: "customer.contact_changed", customerId, categories: contact },
      );
    }
    const billingFields = changes.map((ch) => ch.field).filter((f) => categoryOf(f) === "billing");
    if (billingFields.length > 0) {
      await emitCustomerEvent(
        tx,
        { outbox, now },
        { type: "customer.correction_applied", customerId, categories: ["billing"], fields: billingFields },
      );
    }

    let sessionsEnded = 0;
    if (emailChanged && changes.some((ch) => ch.field === "email")) {
      sessionsEnded = await endSessionsAndCodes(tx, customerId, at);
      // In the language the record has after this correction (staff may have set it in the same form).
      const locale = customerMailLanguage(c.language !== undefined ? c.language : row.language);
      const oldEmail = row.email;
      const newEmail = c.email ?? null;
      if (oldEmail) {
        await mail.enqueueMail(
          tx,
          emailCorrectedByStaffMail(oldEmail, locale, "old", newEmail ? maskEmail(newEmail) : null),
          {
            template: "email_corrected_by_staff",
            customerId,
          },
        );
      }
      if (newEmail) {
        await mail.enqueueMail(tx, emailCorrectedByStaffMail(newEmail, locale, "new", null), {
          template: "email_corrected_by_staff",
          customerId,
        });
      }
    }
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "customer.corrected",
        customerId,
        detail: { fields: changes.map((ch) => ch.field), organisationId, sessionsEnded },
      }),
      at,
    );
    const language = changes.find((ch) => ch.field === "language");
    if (language) {
      // The mail language has its own entry (issue 13), as when a sign-in or an import changes it.
      const from = (language.oldValue as Locale | null) ?? null;
      await appendAudit(tx, languageChanged(auditActorOf(actor), customerId, from, c.language ?? null, actor.ip), at);
    }
    return { ok: true, changed: changes.map((ch) => ch.field) };
  });
}

function categoryOf(field: StaffCorrectableField): DataCategoryId | null {
  if (field === "email") return "email";
  if (field === "language" || field === "relationshipStart") return null;
  return fieldCategory[field];
}

/**
 * An objection the customer gave by phone, letter or e-mail, recorded by staff with channel `staff` (the customer's
 * marketing history shows it like their own changes); how it came (phone, letter, e-mail) is in the audit entry.
 * A withdrawal is recorded only when the customer asked (the schema requires `customerAsked`). The reason goes to
 * the field history with the before and after of the purposes that changed.
 */
export function recordObjectionByStaff(
  { db, outbox, now }: StaffEventDeps,
  customerId: string,
  input: RecordObjectionInput,
  actor: StaffActor,
): Promise<Result<{ changed: { purpose: string; from: boolean; to: boolean }[] }>> {
  const at = now();
  return transact(db, async (tx) => {
    const row = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.id, customerId), isNull(customers.anonymisedAt)))
      .get();
    if (!row) return notFound();
    const objected = !input.withdraw;
    const wanted = input.purposes.map((purpose) => ({ purpose, objected }));
    const current = await readObjections(tx, customerId);
    const diffs = diffObjections(current, wanted);
    await applyStaffObjections(tx, { outbox, now }, customerId, wanted, actor.id, at);
    if (diffs.length > 0) {
      // The history names the purposes objected to before and after, so the reason stands beside the change.
      const after = await readObjections(tx, customerId);
      const objectedIn = (o: typeof current) => marketingPurposes.filter((p) => o[p]).join(", ") || null;
      await tx.insert(fieldChanges).values({
        ...historyRow(customerId, actor, at, input.reason),
        field: "marketingObjections",
        oldValue: objectedIn(current),
        newValue: objectedIn(after),
      });
    }
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "customer.objection_recorded",
        customerId,
        detail: {
          channel: "staff",
          receivedBy: input.channel,
          withdraw: input.withdraw,
          purposes: input.purposes,
          changed: diffs.map((d) => d.purpose),
        },
      }),
      at,
    );
    return { ok: true, changed: diffs };
  });
}
