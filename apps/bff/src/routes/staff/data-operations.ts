import { assessErasure, type DataCategoryId, helsinkiDate, isPending, marketingPurposes } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { requirePermission, type StaffRole } from "../../auth/permissions.ts";
import { randomToken } from "../../auth/tokens.ts";
import type { Db } from "../../db/port.ts";
import {
  billingDetails,
  customers,
  ipAddresses,
  organisationRoles,
  requestEvents,
  requests,
  restrictions,
} from "../../db/schema.ts";
import { clientInfo } from "../../http/client-info.ts";
import type { MailMessage } from "../../mail/mailer.ts";
import {
  erasureCompletedMail,
  restrictionAppliedMail,
  restrictionLiftNoticeMail,
} from "../../mail/operation-templates.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import type { Tx } from "../../db/port.ts";
import { anonymiseCustomer } from "../../services/anonymise.ts";
import { type AuditActor, appendAudit } from "../../services/audit.ts";
import { gatherErasureFacts } from "../../services/erasure-facts.ts";
import {
  csvLine,
  MAILING_LIST_HEADER,
  mailingListBatches,
  mailingListCsvLine,
  mailingListSummary,
} from "../../services/mailing-list.ts";
import { loadRequestView } from "../../services/requests.ts";
import { activeRestriction } from "../../services/restriction.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

const token = z.string().regex(/^[a-z0-9]{1,64}$/, "id_invalid");
const requestParam = z.object({ requestId: token });
const restrictionParam = z.object({ restrictionId: token });
const customerParam = z.object({ customerId: z.string().regex(/^[a-z0-9]{1,40}$/, "id_invalid") });
const purposeQuery = z.object({ purpose: z.enum(marketingPurposes) });

/** The decision texts the customer sees; fixed, so they carry no personal data past an erasure. */
const ERASURE_DECISION =
  "Tiedot on anonymisoitu pyyntösi mukaisesti. / Your data has been anonymised as you requested.";
const RESTRICTION_DECISION =
  "Tietojesi käsittelyä on rajoitettu pyyntösi mukaisesti. / Processing of your data has been restricted as you asked.";

/** Categories an erasure removes; orders stay (bookkeeping) without their person. */
const removableCategories = [
  "name",
  "organisation",
  "email",
  "postalAddress",
  "phone",
  "www",
  "ipAddress",
  "billing",
] as const satisfies readonly DataCategoryId[];

type RestrictionRow = typeof restrictions.$inferSelect;
type RequestRow = typeof requests.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toRestrictionView(r: RestrictionRow) {
  return {
    id: r.id,
    customerId: r.customerId,
    ground: r.ground,
    requestId: r.requestId,
    appliedAt: new Date(r.appliedAt).toISOString(),
    appliedBy: r.appliedBy,
    liftNoticeAt: iso(r.liftNoticeAt),
    liftedAt: iso(r.liftedAt),
    liftedBy: r.liftedBy,
  };
}

/** What an erasure would remove for this customer now, as the register description's category ids. */
function categoriesHeld(db: Pick<Db, "select">, customerId: string): DataCategoryId[] {
  const c = db.select().from(customers).where(eq(customers.id, customerId)).get();
  if (!c || c.anonymisedAt !== null) return [];
  const exists = (row: unknown) => row !== undefined;
  const held: Record<(typeof removableCategories)[number], boolean> = {
    name: c.firstName !== "" || c.lastName !== "",
    organisation: exists(
      db
        .select({ id: organisationRoles.id })
        .from(organisationRoles)
        .where(eq(organisationRoles.customerId, customerId))
        .get(),
    ),
    email: c.email !== null,
    postalAddress: c.street !== null || c.postalCode !== null || c.city !== null || c.country !== null,
    phone: c.phone !== null,
    www: c.www !== null,
    ipAddress: exists(
      db.select({ id: ipAddresses.id }).from(ipAddresses).where(eq(ipAddresses.customerId, customerId)).get(),
    ),
    billing: exists(
      db
        .select({ id: billingDetails.customerId })
        .from(billingDetails)
        .where(eq(billingDetails.customerId, customerId))
        .get(),
    ),
  };
  return removableCategories.filter((category) => held[category]);
}

/** Marks a pending request completed, with its history event, inside the caller's transaction. */
function completeRequest(tx: Tx, row: RequestRow, staffId: string, reasons: string, at: number) {
  tx.update(requests)
    .set({
      state: "completed",
      decisionOutcome: "completed",
      decisionReasons: reasons,
      decidedAt: at,
      decidedBy: staffId,
    })
    .where(eq(requests.id, row.id))
    .run();
  tx.insert(requestEvents)
    .values({ requestId: row.id, at, actorType: "staff", actorId: staffId, event: "completed", note: null })
    .run();
}

/** A step on a restriction: shown in its request's history and appended to the audit trail, in the caller's transaction. */
function recordRestrictionStep(
  tx: Tx,
  r: { id: string; customerId: string; requestId: string | null },
  step: { event: string; action: string },
  staff: { id: string; role: StaffRole },
  ip: string | null,
  at: number,
) {
  if (r.requestId) {
    tx.insert(requestEvents)
      .values({ requestId: r.requestId, at, actorType: "staff", actorId: staff.id, event: step.event })
      .run();
  }
  appendAudit(
    tx,
    {
      actor: { type: "staff", id: staff.id, role: staff.role },
      action: step.action,
      customerId: r.customerId,
      detail: { restrictionId: r.id },
      ip,
    },
    at,
  );
}

function customerState(db: Pick<Db, "select">, customerId: string) {
  return db
    .select({ email: customers.email, anonymisedAt: customers.anonymisedAt })
    .from(customers)
    .where(eq(customers.id, customerId))
    .get();
}

const notFound = (what: string) => ({ error: { code: "not_found", message: `No such ${what}` } }) as const;
const invalidState = (message: string) => ({ error: { code: "invalid_state", message } }) as const;

/**
 * Erasure (carried out as anonymisation), restriction and the mailing-list export: the staff's operations on
 * a customer's data. Every read and change is audited in the same transaction; mail goes after the commit.
 */
export function dataOperationsRoutes({ db, env, mailer, now, requireStaff }: StaffContext) {
  // Erasure and restriction decide customers' requests; the mailing list reads the whole register.
  const handle = requirePermission("request:handle");
  const readRegister = requirePermission("customer:read");
  const send = (message: MailMessage) =>
    mailer.send(message).catch((err: unknown) => console.error("[mail] operation notice not sent", err));

  return (
    new Hono<StaffEnv>()
      .use(requireStaff)

      /* ---- Which operation a request calls for, and where it stands ---- */

      .get("/requests/:requestId", handle, validate("param", requestParam), (c) => {
        const { requestId } = c.req.valid("param");
        const { id, role } = c.get("subject");
        const found = db.transaction((tx) => {
          const row = tx.select().from(requests).where(eq(requests.id, requestId)).get();
          if (!row) return null;
          const restriction = tx.select().from(restrictions).where(eq(restrictions.requestId, requestId)).get();
          const customer = customerState(tx, row.customerId);
          appendAudit(
            tx,
            {
              actor: { type: "staff", id, role },
              action: "operations.request.viewed",
              customerId: row.customerId,
              detail: { requestId },
              ip: clientInfo(c, env.TRUST_PROXY).ip,
            },
            now(),
          );
          return { row, restriction, anonymised: customer !== undefined && customer.anonymisedAt !== null };
        });
        if (!found) return c.json(notFound("request"), 404);
        const { row, restriction, anonymised } = found;
        return c.json(
          {
            request: {
              id: row.id,
              type: row.type,
              state: row.state,
              customerId: row.customerId,
              restrictionGround: row.restrictionGround,
              decidedAt: iso(row.decidedAt),
            },
            /** The restriction this request put in place, lifted or not. */
            restriction: restriction ? toRestrictionView(restriction) : null,
            customerAnonymised: anonymised,
          },
          200,
        );
      })

      /* ---- Erasure ---- */

      .get("/erasure/:requestId/preview", handle, validate("param", requestParam), (c) => {
        const { requestId } = c.req.valid("param");
        const { id, role } = c.get("subject");
        const found = db.transaction((tx) => {
          const row = tx.select().from(requests).where(eq(requests.id, requestId)).get();
          if (row?.type !== "erasure") return null;
          const assessment = assessErasure(gatherErasureFacts(tx, row.customerId));
          const removes = categoriesHeld(tx, row.customerId);
          appendAudit(
            tx,
            {
              actor: { type: "staff", id, role },
              action: "erasure.previewed",
              customerId: row.customerId,
              detail: { requestId, blocked: assessment.blocked },
              ip: clientInfo(c, env.TRUST_PROXY).ip,
            },
            now(),
          );
          return { row, assessment, removes };
        });
        const request = found ? loadRequestView(db, requestId) : null;
        if (!found || !request) return c.json(notFound("erasure request"), 404);
        return c.json(
          { assessment: found.assessment, removes: found.removes, request, customerId: found.row.customerId },
          200,
        );
      })

      .post("/erasure/:requestId/execute", handle, validate("param", requestParam), (c) => {
        const { requestId } = c.req.valid("param");
        const { id, role } = c.get("subject");
        const actor: AuditActor = { type: "staff", id, role };
        const at = now();
        // Checks and changes in one synchronous transaction: nothing can slip in between them.
        const outcome = db.transaction((tx) => {
          const row = tx.select().from(requests).where(eq(requests.id, requestId)).get();
          if (row?.type !== "erasure") return { kind: "not_found" } as const;
          if (!isPending(row.state)) return { kind: "invalid_state" } as const;
          const customer = customerState(tx, row.customerId);
          if (!customer || customer.anonymisedAt !== null) return { kind: "invalid_state" } as const;
          const assessment = assessErasure(gatherErasureFacts(tx, row.customerId));
          if (assessment.blocked) return { kind: "blocked", blockers: assessment.blockers } as const;
          const result = anonymiseCustomer(tx, row.customerId, {
            now: at,
            actor,
            reason: "erasure",
            suppressionKey: env.suppressionKey,
            requestId,
            ip: clientInfo(c, env.TRUST_PROXY).ip,
          });
          completeRequest(tx, row, id, ERASURE_DECISION, at);
          return { kind: "done", result, kept: assessment.kept } as const;
        });
        if (outcome.kind === "not_found") return c.json(notFound("erasure request"), 404);
        if (outcome.kind === "invalid_state") return c.json(invalidState("Request is decided or record erased"), 409);
        if (outcome.kind === "blocked") {
          return c.json(
            {
              error: {
                code: "erasure_blocked",
                message: "At least one ground blocks erasure",
                blockers: outcome.blockers,
              },
            } as const,
            409,
          );
        }
        // The confirmation goes to the address read before it was cleared.
        if (outcome.result.formerEmail) send(erasureCompletedMail(outcome.result.formerEmail, outcome.kept));
        const request = loadRequestView(db, requestId);
        return c.json({ request, anonymised: true, suppressed: outcome.result.suppressed }, 200);
      })

      /* ---- Restriction (Art. 18) ---- */

      .post("/restriction/:requestId/apply", handle, validate("param", requestParam), (c) => {
        const { requestId } = c.req.valid("param");
        const { id, role } = c.get("subject");
        const at = now();
        const outcome = db.transaction((tx) => {
          const row = tx.select().from(requests).where(eq(requests.id, requestId)).get();
          if (row?.type !== "restriction") return { kind: "not_found" } as const;
          if (!isPending(row.state) || row.restrictionGround === null) return { kind: "invalid_state" } as const;
          const customer = customerState(tx, row.customerId);
          if (!customer || customer.anonymisedAt !== null) return { kind: "invalid_state" } as const;
          if (activeRestriction(tx, row.customerId)) return { kind: "active" } as const;
          const restrictionId = randomToken();
          tx.insert(restrictions)
            .values({
              id: restrictionId,
              customerId: row.customerId,
              ground: row.restrictionGround,
              requestId,
              appliedAt: at,
              appliedBy: id,
            })
            .run();
          completeRequest(tx, row, id, RESTRICTION_DECISION, at);
          appendAudit(
            tx,
            {
              actor: { type: "staff", id, role },
              action: "restriction.applied",
              customerId: row.customerId,
              detail: { restrictionId, requestId, ground: row.restrictionGround },
              ip: clientInfo(c, env.TRUST_PROXY).ip,
            },
            at,
          );
          const restriction = tx.select().from(restrictions).where(eq(restrictions.id, restrictionId)).get();
          if (!restriction) throw new Error("restriction vanished after insert");
          return { kind: "done", restriction, email: customer.email } as const;
        });
        if (outcome.kind === "not_found") return c.json(notFound("restriction request"), 404);
        if (outcome.kind === "invalid_state") return c.json(invalidState("Request is decided or record erased"), 409);
        if (outcome.kind === "active") {
          return c.json(
            { error: { code: "restriction_active", message: "The record is already restricted" } } as const,
            409,
          );
        }
        if (outcome.email) send(restrictionAppliedMail(outcome.email, outcome.restriction.ground));
        return c.json(
          { restriction: toRestrictionView(outcome.restriction), request: loadRequestView(db, requestId) },
          201,
        );
      })

      .get("/restriction/customer/:customerId", handle, validate("param", customerParam), (c) => {
        const { customerId } = c.req.valid("param");
        const { id, role } = c.get("subject");
        const found = db.transaction((tx) => {
          if (!customerState(tx, customerId)) return null;
          const restriction = activeRestriction(tx, customerId);
          appendAudit(
            tx,
            {
              actor: { type: "staff", id, role },
              action: "restriction.viewed",
              customerId,
              detail: { restrictionId: restriction?.id ?? null },
              ip: clientInfo(c, env.TRUST_PROXY).ip,
            },
            now(),
          );
          return { restriction };
        });
        if (!found) return c.json(notFound("customer"), 404);
        return c.json({ restriction: found.restriction ? toRestrictionView(found.restriction) : null }, 200);
      })

      .post("/restriction/:restrictionId/notify-lift", handle, validate("param", restrictionParam), (c) => {
        const { restrictionId } = c.req.valid("param");
        const { id, role } = c.get("subject");
        const at = now();
        const outcome = db.transaction((tx) => {
          const r = tx.select().from(restrictions).where(eq(restrictions.id, restrictionId)).get();
          if (!r) return { kind: "not_found" } as const;
          const email = customerState(tx, r.customerId)?.email ?? null;
          // Nowhere to send the notice, or nothing left to lift.
          if (r.liftedAt !== null || email === null) return { kind: "invalid_state" } as const;
          tx.update(restrictions).set({ liftNoticeAt: at }).where(eq(restrictions.id, restrictionId)).run();
          recordRestrictionStep(
            tx,
            r,
            { event: "liftNoticeSent", action: "restriction.lift_notified" },
            { id, role },
            clientInfo(c, env.TRUST_PROXY).ip,
            at,
          );
          return { kind: "done", restriction: { ...r, liftNoticeAt: at }, email } as const;
        });
        if (outcome.kind === "not_found") return c.json(notFound("restriction"), 404);
        if (outcome.kind === "invalid_state") return c.json(invalidState("Restriction already lifted"), 409);
        send(restrictionLiftNoticeMail(outcome.email));
        return c.json({ restriction: toRestrictionView(outcome.restriction) }, 200);
      })

      .post("/restriction/:restrictionId/lift", handle, validate("param", restrictionParam), (c) => {
        const { restrictionId } = c.req.valid("param");
        const { id, role } = c.get("subject");
        const at = now();
        const outcome = db.transaction((tx) => {
          const r = tx.select().from(restrictions).where(eq(restrictions.id, restrictionId)).get();
          if (!r) return { kind: "not_found" } as const;
          if (r.liftedAt !== null) return { kind: "invalid_state" } as const;
          // Art. 18(3): the customer is told before the restriction is lifted.
          if (r.liftNoticeAt === null) return { kind: "notice_missing" } as const;
          tx.update(restrictions).set({ liftedAt: at, liftedBy: id }).where(eq(restrictions.id, restrictionId)).run();
          recordRestrictionStep(
            tx,
            r,
            { event: "restrictionLifted", action: "restriction.lifted" },
            { id, role },
            clientInfo(c, env.TRUST_PROXY).ip,
            at,
          );
          return { kind: "done", restriction: { ...r, liftedAt: at, liftedBy: id } } as const;
        });
        if (outcome.kind === "not_found") return c.json(notFound("restriction"), 404);
        if (outcome.kind === "invalid_state") return c.json(invalidState("Restriction already lifted"), 409);
        if (outcome.kind === "notice_missing") {
          return c.json(
            { error: { code: "lift_notice_missing", message: "Tell the customer before lifting" } } as const,
            409,
          );
        }
        return c.json({ restriction: toRestrictionView(outcome.restriction) }, 200);
      })

      /* ---- Mailing list for direct advertising (the notice: unless the customer forbids it) ---- */

      .get("/mailing-list/summary", readRegister, validate("query", purposeQuery), async (c) => {
        const { purpose } = c.req.valid("query");
        // Counts only: no customer's data is shown, so this is not audited as a read.
        return c.json(await mailingListSummary(db, env.suppressionKey, purpose), 200);
      })

      .get("/mailing-list", readRegister, validate("query", purposeQuery), (c) => {
        const { purpose } = c.req.valid("query");
        const { id, role } = c.get("subject");
        const ip = clientInfo(c, env.TRUST_PROXY).ip;
        const batches = mailingListBatches(db, env.suppressionKey, purpose);
        const encoder = new TextEncoder();
        let count = 0;
        let audited = false;
        // The export is audited with what actually went out, also when the download is cut short.
        const audit = (complete: boolean) => {
          if (audited) return;
          audited = true;
          appendAudit(
            db,
            {
              actor: { type: "staff", id, role },
              action: "mailing_list.exported",
              detail: { purpose, count, complete },
              ip,
            },
            now(),
          );
        };
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            // The BOM makes spreadsheet programs read the file as UTF-8 (ä, ö, å).
            controller.enqueue(encoder.encode(`\uFEFF${csvLine(MAILING_LIST_HEADER)}`));
          },
          async pull(controller) {
            try {
              const next = await batches.next();
              if (next.done) {
                audit(true);
                controller.close();
                return;
              }
              count += next.value.eligible.length;
              controller.enqueue(encoder.encode(next.value.eligible.map(mailingListCsvLine).join("")));
            } catch (err) {
              audit(false);
              controller.error(err);
            }
          },
          async cancel() {
            await batches.return(undefined);
            audit(false);
          },
        });
        const filename = `mailing-list-${purpose}-${helsinkiDate(now())}.csv`;
        return c.body(body, 200, {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${filename}"`,
          "Cache-Control": "no-store",
        });
      })
  );
}
