import { randomBytes } from "node:crypto";
import {
  type CreateWebhookEndpointInput,
  type DataCategoryId,
  dataCategoryIds,
  eventsNotCovered,
  iso,
  type UpdateWebhookEndpointInput,
  type WebhookEventType,
  webhookEventTypeIds,
} from "@tietoni/domain";
import { asc, count, eq, max, sql } from "drizzle-orm";
import { randomToken } from "../auth/tokens.ts";
import type { Db, Queries } from "../db/port.ts";
import { connectedSystems, outbox, webhookEndpoints } from "../db/schema.ts";
import { appendAudit, auditActorOf, byStaff, type StaffActor } from "./audit.ts";
import { findSystem, findSystemByName, isNoticeParty, registerConnectedSystem } from "./connected-systems.ts";
import { fail, notFound, type Result, transact } from "./result.ts";

/*
 * Issue 13 — the admin's webhook endpoints of connected systems. Each endpoint has a Standard Webhooks signing
 * secret (`whsec_` + base64 of 32 random bytes). Unlike an API client's secret it cannot be kept as a hash: the BFF
 * signs with it at every delivery. So it is shown once (in the answer to create and rotate), never returned by any
 * read, and never written to the audit trail. The form can register a new system in the same step, through the
 * same `registerConnectedSystem` the systems page uses (so the registration is audited the same way).
 */

type EndpointRow = typeof webhookEndpoints.$inferSelect;

export type WebhookEndpointView = {
  id: string;
  systemId: string;
  systemName: string;
  url: string;
  description: string | null;
  eventTypes: WebhookEventType[];
  categories: DataCategoryId[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string | null;
  /** The outbox's rows for this endpoint by state (ids and times only live in the delivery log). */
  deliveries: { pending: number; failing: number; dead: number; delivered: number; lastDeliveredAt: string | null };
};

/** A new Standard Webhooks secret: `whsec_` and the base64 of 32 random bytes (the specification allows 24–64). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** A stored JSON array, as the known values it holds (anything else is ignored, never sent). */
function known<T extends string>(json: string, values: readonly T[]): T[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? values.filter((v) => parsed.includes(v)) : [];
}

async function endpointViews(q: Queries, where?: { id?: string; systemId?: string }): Promise<WebhookEndpointView[]> {
  const stats = q
    .select({
      endpointId: outbox.endpointId,
      // Counted with FILTER, which both engines have (PostgreSQL has no sum() of a boolean).
      pending: sql<number>`count(*) FILTER (WHERE ${outbox.status} = 'pending')`.as("pending"),
      failing: sql<number>`count(*) FILTER (WHERE ${outbox.status} = 'failing')`.as("failing"),
      dead: sql<number>`count(*) FILTER (WHERE ${outbox.status} = 'dead')`.as("dead"),
      delivered: count().as("total"),
      lastDeliveredAt: max(outbox.deliveredAt).as("last_delivered_at"),
    })
    .from(outbox)
    .where(eq(outbox.kind, "webhook"))
    .groupBy(outbox.endpointId)
    .as("s");
  const rows = await q
    .select({
      endpoint: webhookEndpoints,
      systemName: connectedSystems.name,
      pending: stats.pending,
      failing: stats.failing,
      dead: stats.dead,
      total: stats.delivered,
      lastDeliveredAt: stats.lastDeliveredAt,
    })
    .from(webhookEndpoints)
    .innerJoin(connectedSystems, eq(connectedSystems.id, webhookEndpoints.systemId))
    .leftJoin(stats, eq(stats.endpointId, webhookEndpoints.id))
    .where(
      where?.id !== undefined
        ? eq(webhookEndpoints.id, where.id)
        : where?.systemId !== undefined
          ? eq(webhookEndpoints.systemId, where.systemId)
          : undefined,
    )
    .orderBy(asc(connectedSystems.name), asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id))
    .all();
  return rows.map((r) => {
    const pending = Number(r.pending ?? 0);
    const failing = Number(r.failing ?? 0);
    const dead = Number(r.dead ?? 0);
    return {
      id: r.endpoint.id,
      systemId: r.endpoint.systemId,
      systemName: r.systemName,
      url: r.endpoint.url,
      description: r.endpoint.description,
      eventTypes: known(r.endpoint.eventTypes, webhookEventTypeIds),
      categories: known(r.endpoint.categories, dataCategoryIds),
      enabled: r.endpoint.enabled,
      createdAt: iso(r.endpoint.createdAt),
      updatedAt: iso(r.endpoint.updatedAt),
      deliveries: {
        pending,
        failing,
        dead,
        delivered: Number(r.total ?? 0) - pending - failing - dead,
        lastDeliveredAt: iso(r.lastDeliveredAt ?? null),
      },
    };
  });
}

/** Every endpoint, by system name; never a secret. */
export function listWebhookEndpoints(q: Queries): Promise<WebhookEndpointView[]> {
  return endpointViews(q);
}

async function endpointView(q: Queries, id: string): Promise<WebhookEndpointView> {
  const view = (await endpointViews(q, { id }))[0];
  if (!view) throw new Error("webhook endpoint not found after its change");
  return view;
}

type Deps = { db: Db; now: () => number };

/**
 * An admin registers an endpoint for an existing system or a new one. The secret is in this answer and nowhere else.
 */
export async function createWebhookEndpoint(
  { db, now }: Deps,
  actor: StaffActor,
  input: CreateWebhookEndpointInput,
): Promise<Result<{ endpoint: WebhookEndpointView; secret: string; systemCreated: boolean }>> {
  const at = now();
  const secret = newWebhookSecret();
  const result = await transact(db, async (tx) => {
    let systemId: string;
    const { system } = input;
    if (system.kind === "existing") {
      if (!(await findSystem(tx, system.systemId))) return fail(400, "webhook_system_unknown", "system.systemId");
      systemId = system.systemId;
    } else {
      if (!isNoticeParty(system.party)) return fail(400, "notice_party_invalid", "system.party");
      if (await findSystemByName(tx, system.name)) return fail(409, "system_name_taken", "system.name");
      const row = await registerConnectedSystem(
        tx,
        { name: system.name, party: system.party },
        { ...auditActorOf(actor), ip: actor.ip },
        at,
      );
      systemId = row.id;
    }
    const row: EndpointRow = {
      id: randomToken(),
      systemId,
      url: input.url,
      description: input.description ?? null,
      eventTypes: JSON.stringify(input.eventTypes),
      categories: JSON.stringify(input.categories),
      secret,
      enabled: true,
      createdAt: at,
      createdBy: actor.id,
      updatedAt: null,
    };
    await tx.insert(webhookEndpoints).values(row);
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "webhook_endpoint.created",
        // The URL is the company's system's, not a person's; the secret never enters the trail.
        detail: {
          endpointId: row.id,
          systemId,
          url: row.url,
          eventTypes: input.eventTypes,
          categories: input.categories,
        },
      }),
      at,
    );
    return { ok: true, id: row.id, systemCreated: system.kind === "new" };
  });
  if (!result.ok) return result;
  return { ok: true, endpoint: await endpointView(db, result.id), secret, systemCreated: result.systemCreated };
}

/**
 * An admin changes an endpoint's URL, events, categories or description, or disables or enables it. Rows already
 * in the outbox go to the new URL at their next try; a disabled endpoint's rows are dead ("endpoint_disabled").
 */
export async function updateWebhookEndpoint(
  { db, now }: Deps,
  actor: StaffActor,
  id: string,
  input: UpdateWebhookEndpointInput,
): Promise<Result<{ endpoint: WebhookEndpointView }>> {
  const at = now();
  const result = await transact(db, async (tx) => {
    const before = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();
    if (!before) return notFound();
    const eventTypes = input.eventTypes ?? known(before.eventTypes, webhookEventTypeIds);
    const categories = input.categories ?? known(before.categories, dataCategoryIds);
    // Only one of the two may have changed: the pair is checked as it will be stored.
    if (eventsNotCovered(eventTypes, categories).length > 0)
      return fail(400, "webhook_categories_missing", "categories");
    const set = {
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.eventTypes !== undefined ? { eventTypes: JSON.stringify(eventTypes) } : {}),
      ...(input.categories !== undefined ? { categories: JSON.stringify(categories) } : {}),
      ...(input.description !== undefined ? { description: input.description || null } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      updatedAt: at,
    };
    await tx.update(webhookEndpoints).set(set).where(eq(webhookEndpoints.id, id));
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "webhook_endpoint.updated",
        detail: {
          endpointId: id,
          systemId: before.systemId,
          ...(input.url !== undefined && input.url !== before.url ? { url: { from: before.url, to: input.url } } : {}),
          ...(input.eventTypes !== undefined ? { eventTypes } : {}),
          ...(input.categories !== undefined ? { categories } : {}),
          ...(input.enabled !== undefined && input.enabled !== before.enabled ? { enabled: input.enabled } : {}),
        },
      }),
      at,
    );
    return { ok: true };
  });
  if (!result.ok) return result;
  return { ok: true, endpoint: await endpointView(db, id) };
}

/**
 * A new secret for the endpoint, shown once. The old one stops signing with this commit: receivers must switch to
 * the new one (a delivery already in flight may still carry the old signature).
 */
export async function rotateWebhookSecret(
  { db, now }: Deps,
  actor: StaffActor,
  id: string,
): Promise<Result<{ endpoint: WebhookEndpointView; secret: string }>> {
  const at = now();
  const secret = newWebhookSecret();
  const result = await transact(db, async (tx) => {
    const before = await tx
      .select({ systemId: webhookEndpoints.systemId })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, id))
      .get();
    if (!before) return notFound();
    await tx.update(webhookEndpoints).set({ secret, updatedAt: at }).where(eq(webhookEndpoints.id, id));
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "webhook_endpoint.secret_rotated",
        detail: { endpointId: id, systemId: before.systemId },
      }),
      at,
    );
    return { ok: true };
  });
  if (!result.ok) return result;
  return { ok: true, endpoint: await endpointView(db, id), secret };
}
