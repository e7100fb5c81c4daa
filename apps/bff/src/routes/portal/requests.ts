import { canCancel, createRequestInputSchema } from "@tietoni/domain";
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { requestEvents, requests } from "../../db/schema.ts";
import { requestCancelledMail, requestReceivedMail } from "../../mail/request-templates.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import {
  hasPendingRequestOfType,
  insertRequest,
  listCustomerRequests,
  loadRequestView,
} from "../../services/requests.ts";
import { activeRestriction } from "../../services/restriction.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

const requestIdSchema = z.object({ id: z.string().regex(/^[a-z0-9]{1,64}$/, "id_invalid") });

/**
 * The customer's requests: the signed session replaces the notice's signed letter, so what is sent
 * here is the request. Rights a customer can exercise alone live in their own routes; these need staff.
 */
export function requestsRoutes({ db, mailer, now, requireCustomer }: PortalContext) {
  const notify = (message: Parameters<typeof mailer.send>[0]) =>
    mailer.send(message).catch((err) => console.error("[mail] request notice not sent", err));

  return new Hono<PortalEnv>()
    .use(requireCustomer)
    .get("/", (c) => {
      const customerId = c.get("subject").id;
      const restriction = activeRestriction(db, customerId);
      return c.json(
        {
          requests: listCustomerRequests(db, customerId),
          restriction: restriction
            ? {
                ground: restriction.ground,
                since: new Date(restriction.appliedAt).toISOString(),
                requestId: restriction.requestId,
              }
            : null,
        },
        200,
      );
    })
    .post("/", validate("json", createRequestInputSchema), (c) => {
      const input = c.req.valid("json");
      const { id: customerId, email } = c.get("subject");
      // One pending restriction or erasure at a time: a second would only duplicate the first.
      if (
        (input.type === "restriction" || input.type === "erasure") &&
        hasPendingRequestOfType(db, customerId, input.type)
      ) {
        return c.json(
          { error: { code: "request_pending", message: "A request of this type is pending" } } as const,
          409,
        );
      }
      const at = now();
      const id = db.transaction((tx) =>
        insertRequest(tx, {
          customerId,
          input,
          channel: "portal",
          now: at,
          actor: { type: "customer", id: customerId },
        }),
      );
      const request = loadRequestView(db, id);
      if (!request) throw new Error("request vanished after insert");
      if (email) notify(requestReceivedMail(email, request));
      return c.json({ request }, 201);
    })
    .post("/:id/cancel", validate("param", requestIdSchema), (c) => {
      const { id } = c.req.valid("param");
      const { id: customerId, email } = c.get("subject");
      const row = db
        .select()
        .from(requests)
        .where(and(eq(requests.id, id), eq(requests.customerId, customerId)))
        .get();
      if (!row) return c.json({ error: { code: "not_found", message: "No such request" } } as const, 404);
      if (!canCancel(row.state)) {
        return c.json({ error: { code: "not_cancellable", message: "Request already decided" } } as const, 409);
      }
      const at = now();
      db.transaction((tx) => {
        tx.update(requests).set({ state: "cancelled" }).where(eq(requests.id, id)).run();
        tx.insert(requestEvents)
          .values({ requestId: id, at, actorType: "customer", actorId: customerId, event: "cancelled" })
          .run();
      });
      const request = loadRequestView(db, id);
      if (!request) throw new Error("request vanished after cancel");
      if (email) notify(requestCancelledMail(email, request));
      return c.json({ request }, 200);
    });
}
