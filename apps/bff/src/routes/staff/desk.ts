import {
  assignRequestInputSchema,
  completeRequestInputSchema,
  confirmNotificationInputSchema,
  errorMessages,
  extendRequestInputSchema,
  helsinkiDate,
  refuseRequestInputSchema,
  registerRequestInputSchema,
  requestNoteInputSchema,
  requestQueueQuerySchema,
} from "@tietoni/domain";
import { and, asc, isNotNull, isNull } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../../auth/permissions.ts";
import { staffUsers } from "../../db/schema.ts";
import { clientInfo } from "../../http/client-info.ts";
import {
  correctionApprovedMail,
  requestCompletedMail,
  requestExtendedMail,
  requestRefusedMail,
} from "../../mail/decision-templates.ts";
import type { MailMessage } from "../../mail/mailer.ts";
import { requestReceivedMail } from "../../mail/request-templates.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { appendAudit } from "../../services/audit.ts";
import { findActiveCustomer } from "../../services/customer-record.ts";
import {
  addNote,
  approveCorrection,
  assignRequest,
  completeRequest,
  confirmNotification,
  type DeskFailure,
  extendRequest,
  refuseRequest,
  registerPaperRequest,
  type StaffActor,
  startRequest,
} from "../../services/desk/decisions.ts";
import { listQueue } from "../../services/desk/queue.ts";
import { findRequest, loadDeskRequest, loadNotifications } from "../../services/desk/request-detail.ts";
import { hasPendingRequestOfType, loadRequestView } from "../../services/requests.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

const requestIdSchema = z.object({ id: z.string().regex(/^[a-z0-9]{1,64}$/, "id_invalid") });
// Reasons left out altogether are the same mistake as reasons too short, and get the same code.
const reasonsField = z.string({ error: "reasons_required" }).pipe(refuseRequestInputSchema.shape.reasons);
const refuseInputSchema = refuseRequestInputSchema.extend({ reasons: reasonsField });
const extendInputSchema = extendRequestInputSchema.extend({ reasons: reasonsField });

/**
 * The request desk: the queue, one request with everything needed to decide it, and the decisions.
 * Every read of a customer's data and every change leaves an audit entry (SPEC §4); changes write it in
 * the same transaction (services/desk/decisions.ts).
 */
export function deskRoutes({ db, env, mailer, now, requireStaff }: StaffContext) {
  const actorOf = (c: Context<StaffEnv>): StaffActor => {
    const { id, role } = c.get("subject");
    return { id, role, ip: clientInfo(c, env.TRUST_PROXY).ip };
  };
  const failure = (c: Context<StaffEnv>, f: DeskFailure) =>
    c.json(
      {
        error: {
          code: f.code,
          message: errorMessages[f.code].en,
          ...(f.path ? { fields: [{ path: f.path, code: f.code }] } : {}),
        },
      },
      f.status,
    );
  /** Mail goes out after the commit: a mail failure must not undo a decision that was made. */
  const tell = (customerId: string, message: (to: string) => MailMessage) => {
    const to = findActiveCustomer(db, customerId)?.email;
    if (!to) return;
    mailer.send(message(to)).catch((err) => console.error("[mail] decision notice not sent", err));
  };
  const viewOf = (id: string) => {
    const request = loadRequestView(db, id);
    if (!request) throw new Error("request vanished after a decision");
    return request;
  };
  const customerOf = (id: string) => findRequest(db, id)?.customerId ?? "";

  return new Hono<StaffEnv>()
    .use(requireStaff)
    .use(requirePermission("request:handle"))
    .get("/", validate("query", requestQueueQuerySchema), (c) => {
      const actor = actorOf(c);
      const queue = listQueue(db, c.req.valid("query"), { staffId: actor.id, now: now() });
      // Which requests were shown, not the search text: it may hold a name.
      appendAudit(
        db,
        {
          actor: { type: "staff", id: actor.id, role: actor.role },
          action: "request.queue.viewed",
          detail: { requestIds: queue.requests.map((r) => r.id) },
          ip: actor.ip,
        },
        now(),
      );
      return c.json(queue, 200);
    })
    .get("/staff-members", (c) => {
      const staff = db
        .select({ id: staffUsers.id, displayName: staffUsers.displayName })
        .from(staffUsers)
        .where(and(isNull(staffUsers.disabledAt), isNotNull(staffUsers.confidentialitySignedOn)))
        .orderBy(asc(staffUsers.displayName))
        .all();
      return c.json({ staff }, 200);
    })
    .get("/:id", requirePermission("customer:read"), validate("param", requestIdSchema), (c) => {
      const { id } = c.req.valid("param");
      const actor = actorOf(c);
      const found = db.transaction((tx) => {
        const detail = loadDeskRequest(db, id);
        if (detail) {
          appendAudit(
            tx,
            {
              actor: { type: "staff", id: actor.id, role: actor.role },
              action: "request.viewed",
              customerId: detail.customerId,
              detail: { requestId: id },
              ip: actor.ip,
            },
            now(),
          );
        }
        return detail;
      });
      if (!found) return c.json({ error: { code: "not_found", message: "No such request" } } as const, 404);
      return c.json(found, 200);
    })
    .post("/", validate("json", registerRequestInputSchema), (c) => {
      const input = c.req.valid("json");
      const at = now();
      // The deadline runs from the day the letter arrived; a day still to come cannot be that day.
      if (input.receivedOn > helsinkiDate(at)) {
        return c.json(
          {
            error: {
              code: "date_invalid",
              message: "The request cannot have been received in the future",
              fields: [{ path: "receivedOn", code: "date_in_future" }],
            },
          } as const,
          400,
        );
      }
      const customer = findActiveCustomer(db, input.customerId);
      if (!customer) return c.json({ error: { code: "not_found", message: "No such customer" } } as const, 404);
      const { type } = input.request;
      if ((type === "restriction" || type === "erasure") && hasPendingRequestOfType(db, customer.id, type)) {
        return c.json(
          { error: { code: "request_pending", message: "A request of this type is pending" } } as const,
          409,
        );
      }
      const result = registerPaperRequest(
        db,
        actorOf(c),
        { customerId: customer.id, channel: input.channel, receivedOn: input.receivedOn, input: input.request },
        at,
      );
      if (!result.ok) return failure(c, result);
      const request = viewOf(result.id);
      tell(customer.id, (to) => requestReceivedMail(to, request));
      return c.json({ request }, 201);
    })
    .post("/:id/notes", validate("param", requestIdSchema), validate("json", requestNoteInputSchema), (c) => {
      const { id } = c.req.valid("param");
      const result = addNote(db, id, actorOf(c), c.req.valid("json").note, now());
      if (!result.ok) return failure(c, result);
      return c.json({ ok: true }, 201);
    })
    .post("/:id/assign", validate("param", requestIdSchema), validate("json", assignRequestInputSchema), (c) => {
      const { id } = c.req.valid("param");
      const result = assignRequest(db, id, actorOf(c), c.req.valid("json").staffUserId, now());
      if (!result.ok) return failure(c, result);
      return c.json({ request: viewOf(id) }, 200);
    })
    .post("/:id/start", validate("param", requestIdSchema), (c) => {
      const { id } = c.req.valid("param");
      const result = startRequest(db, id, actorOf(c), now());
      if (!result.ok) return failure(c, result);
      return c.json({ request: viewOf(id) }, 200);
    })
    .post("/:id/extend", validate("param", requestIdSchema), validate("json", extendInputSchema), (c) => {
      const { id } = c.req.valid("param");
      const result = extendRequest(db, id, actorOf(c), c.req.valid("json"), now());
      if (!result.ok) return failure(c, result);
      const request = viewOf(id);
      tell(customerOf(id), (to) => requestExtendedMail(to, request));
      return c.json({ request }, 200);
    })
    .post("/:id/refuse", validate("param", requestIdSchema), validate("json", refuseInputSchema), (c) => {
      const { id } = c.req.valid("param");
      const result = refuseRequest(db, id, actorOf(c), c.req.valid("json").reasons, now());
      if (!result.ok) return failure(c, result);
      const request = viewOf(id);
      tell(customerOf(id), (to) => requestRefusedMail(to, request));
      return c.json({ request }, 200);
    })
    .post("/:id/approve-correction", validate("param", requestIdSchema), (c) => {
      const { id } = c.req.valid("param");
      const result = approveCorrection(db, id, actorOf(c), now());
      if (!result.ok) return failure(c, result);
      const request = viewOf(id);
      tell(customerOf(id), (to) => correctionApprovedMail(to, request));
      return c.json({ request }, 200);
    })
    .post(
      "/:id/notifications",
      validate("param", requestIdSchema),
      validate("json", confirmNotificationInputSchema),
      (c) => {
        const { id } = c.req.valid("param");
        const result = confirmNotification(db, id, actorOf(c), c.req.valid("json"), now());
        if (!result.ok) return failure(c, result);
        const row = findRequest(db, id);
        const notifications = row ? loadNotifications(db, row) : null;
        return c.json({ notifications }, 201);
      },
    )
    .post("/:id/complete", validate("param", requestIdSchema), validate("json", completeRequestInputSchema), (c) => {
      const { id } = c.req.valid("param");
      const result = completeRequest(db, id, actorOf(c), c.req.valid("json").note, now());
      if (!result.ok) return failure(c, result);
      const request = viewOf(id);
      tell(customerOf(id), (to) => requestCompletedMail(to, request));
      return c.json({ request }, 200);
    });
}
