import {
  exportableAccessRequest,
  identityMethodOf,
  isPending,
  type Locale,
  storedIdentityMethod,
  type VerifyIdentityInput,
} from "@tietoni/domain";
import { and, eq, isNull } from "drizzle-orm";
import { customers, requestEvents, requests } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { accessExportMail } from "../mail/record-keeping-templates.ts";
import { customerMailLanguage } from "../notice/notice.ts";
import { appendAudit, byStaff, type StaffActor } from "./audit.ts";
import { maskEmail } from "./contact.ts";
import { findRequest } from "./desk/request-detail.ts";
import { startExport } from "./export/export-stream.ts";
import { fail, invalidState, notFound, type Result, transact } from "./result.ts";

/*
 * A paper (or e-mail) access request, Art. 15 (issue 12). The portal knows who asks because they signed in with
 * their mailbox; a letter proves nothing by itself. So staff first record how the requester's identity was
 * verified (method, by whom = the signed-in staff member, when), and only then can they produce the customer's
 * export — the very file the portal's "download my data" gives (services/export) — and it goes only to the address
 * on record: staff never choose the recipient.
 *
 * Delivery, decided by what the register holds:
 * - an e-mail address: the export (HTML, in the customer's language: it opens in any browser and prints) is mailed
 *   to it as an attachment through the mail queue, after the audit entry commits;
 * - no e-mail but a postal address: staff download a printable letter, addressed to the postal address on record,
 *   with the export after the address page, to print and post;
 * - neither: refused (409 `no_address_on_record`); nothing is produced.
 */

type IdentityDeps = Pick<Deps, "db" | "now">;

/** Records how the requester's identity was verified; once per request. */
export function verifyRequestIdentity(
  { db, now }: IdentityDeps,
  requestId: string,
  input: VerifyIdentityInput,
  actor: StaffActor,
): Promise<Result<{ identity: { method: string; verifiedAt: number } }>> {
  const at = now();
  return transact(db, async (tx) => {
    const row = await findRequest(tx, requestId);
    if (!row) return notFound();
    if (row.type !== "access" || row.channel === "portal") return fail(409, "not_paper_access");
    if (!isPending(row.state)) return invalidState();
    if (row.identityVerifiedAt !== null) return fail(409, "identity_already_verified");
    const stored = storedIdentityMethod(input);
    await tx
      .update(requests)
      .set({ identityMethod: stored, identityVerifiedBy: actor.id, identityVerifiedAt: at })
      .where(eq(requests.id, requestId));
    // The step is staff-only: the customer is told when the data is sent, not how staff checked who wrote.
    await tx.insert(requestEvents).values({
      requestId,
      at,
      actorType: "staff",
      actorId: actor.id,
      event: "identityVerified",
      note: null,
      internal: true,
    });
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "request.identity_verified",
        customerId: row.customerId,
        // The method id only: the free text of "other" may name the person.
        detail: { requestId, method: input.method },
      }),
      at,
    );
    return { ok: true, identity: { method: identityMethodOf(stored).method, verifiedAt: at } };
  });
}

export type ProducedExport =
  | { delivery: "email"; sentTo: string }
  | { delivery: "letter"; fileName: string; html: string };

/** Reads a whole export stream into memory: one customer's file, sent at once as an attachment or a letter. */
async function readAll(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(body).arrayBuffer());
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The address page put in front of the export: the customer's name and postal address on record, nothing else. */
function letterPage(lines: string[], locale: Locale): string {
  const heading = locale === "fi" ? "Tietosi asiakasrekisteristä" : "Your data in the customer register";
  return (
    `<section class="letter-address" style="page-break-after: always; margin: 2cm 0 4cm">` +
    `<address style="font-style: normal">${lines.map(escapeHtml).join("<br>")}</address>` +
    `<h1>${heading}</h1></section>`
  );
}

/**
 * Produces the customer's Art. 15 export for a verified paper access request and sends it to the address on
 * record (see the module comment). Refused until the identity is verified (409 `identity_not_verified`).
 */
export async function produceAccessExport(
  { db, env, mail, now }: Pick<Deps, "db" | "env" | "mail" | "now">,
  requestId: string,
  actor: StaffActor,
): Promise<Result<{ produced: ProducedExport }>> {
  const at = now();
  const row = await findRequest(db, requestId);
  if (!row) return notFound();
  const allowed = exportableAccessRequest(row);
  if (!allowed.ok) return fail(409, allowed.code);
  if (!isPending(row.state)) return invalidState();
  const customer = await db
    .select()
    .from(customers)
    .where(and(eq(customers.id, row.customerId), isNull(customers.anonymisedAt)))
    .get();
  if (!customer) return notFound();
  const email = customer.email;
  const postal = customer.street !== null && customer.postalCode !== null && customer.city !== null;
  if (!email && !postal) return fail(409, "no_address_on_record");

  const locale: Locale = customerMailLanguage(customer.language);
  const started = await startExport({
    db,
    customerId: customer.id,
    format: "html",
    locale,
    now: at,
    sessionPolicy: env.sessionPolicy,
    ip: null,
    idleMs: env.EXPORT_IDLE_SECONDS * 1000,
  });
  if (!started.ok) {
    if (started.reason === "not_found") return notFound();
    return fail(429, started.reason === "customer_busy" ? "export_in_progress" : "export_busy");
  }
  const content = await readAll(started.body);

  let produced: ProducedExport;
  if (email) {
    produced = { delivery: "email", sentTo: maskEmail(email) };
  } else {
    const lines = [
      `${customer.firstName} ${customer.lastName}`,
      customer.street ?? "",
      `${customer.postalCode ?? ""} ${customer.city ?? ""}`,
      ...(customer.country && customer.country !== "FI" ? [customer.country] : []),
    ];
    const html = content.toString("utf8").replace(/<body([^>]*)>/, (open) => `${open}${letterPage(lines, locale)}`);
    produced = { delivery: "letter", fileName: started.fileName.replace(/\.html$/, "-letter.html"), html };
  }

  return transact(db, async (tx) => {
    // Checked again on the writer: the request may have been decided meanwhile.
    const now2 = await findRequest(tx, requestId);
    if (!now2 || !isPending(now2.state) || now2.identityVerifiedAt === null) return invalidState();
    await tx.insert(requestEvents).values({
      requestId,
      at,
      actorType: "staff",
      actorId: actor.id,
      event: produced.delivery === "email" ? "exportMailed" : "exportLetter",
      note: null,
      // Staff's step; the customer's answer is the data itself, and completing the request tells them.
      internal: true,
    });
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "request.export_produced",
        customerId: row.customerId,
        detail: { requestId, delivery: produced.delivery, format: "html", bytes: content.length },
      }),
      at,
    );
    if (email) {
      await mail.enqueueMail(
        tx,
        accessExportMail(email, locale, {
          filename: started.fileName,
          content,
          contentType: "text/html; charset=utf-8",
        }),
        { template: "export_delivered", customerId: row.customerId, requestId },
      );
    }
    return { ok: true, produced };
  });
}
