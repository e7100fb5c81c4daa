import {
  assignRequestInputSchema,
  completeRequestInputSchema,
  extendRequestInputSchema,
  helsinkiDate,
  refuseRequestInputSchema,
  registerRequestInputSchema,
  requestNoteInputSchema,
  requestQueueQuerySchema,
  tokenIdParamSchema,
} from "@tietoni/domain";
import { Hono } from "hono";
import { z } from "zod";
import { requirePermission } from "../../auth/permissions.ts";
import { apiError, failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import {
  addNote,
  approveCorrection,
  assignRequest,
  completeRequest,
  extendRequest,
  refuseRequest,
  registerPaperRequest,
  startRequest,
} from "../../services/desk/decisions.ts";
import { viewQueue } from "../../services/desk/queue.ts";
import { viewDeskRequest } from "../../services/desk/request-detail.ts";
import { listAssignableStaff } from "../../services/desk/staff-members.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

// Reasons left out altogether are the same mistake as reasons too short, and get the same code.
const reasonsField = z.string({ error: "reasons_required" }).pipe(refuseRequestInputSchema.shape.reasons);
const refuseInputSchema = refuseRequestInputSchema.extend({ reasons: reasonsField });
const extendInputSchema = extendRequestInputSchema.extend({ reasons: reasonsField });

/**
 * The request desk: the queue, one request with everything needed to decide it, and the decisions.
 * Every read of a customer's data and every change leaves an audit entry (SPEC §4); changes write it in
 * the same transaction, and queue the customer's notice there too (services/desk/decisions.ts).
 */
export function deskRoutes(ctx: StaffContext) {
  const { db, env, now, requireStaff } = ctx;
  return new Hono<StaffEnv>()
    .use(requireStaff)
    .use(requirePermission("request:handle"))
    .get("/", validate("query", requestQueueQuerySchema), async (c) => {
      const queue = await viewQueue(db, c.req.valid("query"), staffActor(c, env.TRUST_PROXY), now());
      return c.json(queue, 200);
    })
    .get("/staff-members", async (c) => c.json({ staff: await listAssignableStaff(db) }, 200))
    .get("/:id", requirePermission("customer:read"), validate("param", tokenIdParamSchema), async (c) => {
      const result = await viewDeskRequest(
        db,
        c.req.valid("param").id,
        staffActor(c, env.TRUST_PROXY),
        now(),
        env.FINANCIAL_YEAR_END,
      );
      if (!result.ok) return failure(c, result);
      return c.json(result.detail, 200);
    })
    .post("/", validate("json", registerRequestInputSchema), async (c) => {
      const input = c.req.valid("json");
      const at = now();
      // The deadline runs from the day the letter arrived; a day still to come cannot be that day.
      if (input.receivedOn > helsinkiDate(at)) {
        return apiError(c, 400, "date_invalid", "The request cannot have been received in the future", [
          { path: "receivedOn", code: "date_in_future" },
        ]);
      }
      const result = await registerPaperRequest(
        ctx,
        staffActor(c, env.TRUST_PROXY),
        { customerId: input.customerId, channel: input.channel, receivedOn: input.receivedOn, input: input.request },
        at,
      );
      if (!result.ok) return failure(c, result);
      return c.json({ request: result.request }, 201);
    })
    .post("/:id/notes", validate("param", tokenIdParamSchema), validate("json", requestNoteInputSchema), async (c) => {
      const { id } = c.req.valid("param");
      const result = await addNote(db, id, staffActor(c, env.TRUST_PROXY), c.req.valid("json").note, now());
      if (!result.ok) return failure(c, result);
      return c.json({ ok: true }, 201);
    })
    .post(
      "/:id/assign",
      validate("param", tokenIdParamSchema),
      validate("json", assignRequestInputSchema),
      async (c) => {
        const { id } = c.req.valid("param");
        const { staffUserId } = c.req.valid("json");
        const result = await assignRequest(db, id, staffActor(c, env.TRUST_PROXY), staffUserId, now());
        if (!result.ok) return failure(c, result);
        return c.json({ request: result.request }, 200);
      },
    )
    .post("/:id/start", validate("param", tokenIdParamSchema), async (c) => {
      const { id } = c.req.valid("param");
      const result = await startRequest(db, id, staffActor(c, env.TRUST_PROXY), now());
      if (!result.ok) return failure(c, result);
      return c.json({ request: result.request }, 200);
    })
    .post("/:id/extend", validate("param", tokenIdParamSchema), validate("json", extendInputSchema), async (c) => {
      const { id } = c.req.valid("param");
      const result = await extendRequest(ctx, id, staffActor(c, env.TRUST_PROXY), c.req.valid("json"), now());
      if (!result.ok) return failure(c, result);
      return c.json({ request: result.request }, 200);
    })
    .post("/:id/refuse", validate("param", tokenIdParamSchema), validate("json", refuseInputSchema), async (c) => {
      const { id } = c.req.valid("param");
      const { reasons } = c.req.valid("json");
      const result = await refuseRequest(ctx, id, staffActor(c, env.TRUST_PROXY), reasons, now());
      if (!result.ok) return failure(c, result);
      return c.json({ request: result.request }, 200);
    })
    .post("/:id/approve-correction", validate("param", tokenIdParamSchema), async (c) => {
      const { id } = c.req.valid("param");
      const result = await approveCorrection(ctx, id, staffActor(c, env.TRUST_PROXY), now());
      if (!result.ok) return failure(c, result);
      return c.json({ request: result.request }, 200);
    })
    .post(
      "/:id/complete",
      validate("param", tokenIdParamSchema),
      validate("json", completeRequestInputSchema),
      async (c) => {
        const { id } = c.req.valid("param");
        const { note } = c.req.valid("json");
        const result = await completeRequest(ctx, id, staffActor(c, env.TRUST_PROXY), note, now());
        if (!result.ok) return failure(c, result);
        return c.json({ request: result.request }, 200);
      },
    );
}
