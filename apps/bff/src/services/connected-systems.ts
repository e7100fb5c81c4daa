import { iso, type Localized, partyName, type RecipientId, type SourceId } from "@tietoni/domain";
import { asc, count, eq, max, sql } from "drizzle-orm";
import { randomToken } from "../auth/tokens.ts";
import type { Db, Queries, Tx } from "../db/port.ts";
import { apiClients, connectedSystems, imports } from "../db/schema.ts";
import { registerDescription } from "../notice/notice.ts";
import { type ApiClientView, listApiClients } from "./api-clients.ts";
import { type AuditActor, appendAudit, auditActorOf, byStaff, type StaffActor } from "./audit.ts";
import { fail, notFound, type Result, transact } from "./result.ts";

/*
 * Connected systems (issue 12): the controller's systems that feed or receive the register. Registered by an admin
 * in the staff app, or by an import naming a system not yet known (`pnpm data:import -- --system "name"`); both go
 * through `registerConnectedSystem`, so every registration is audited the same way.
 */

export type ConnectedSystem = typeof connectedSystems.$inferSelect;

export type NoticeParty = { kind: "source"; id: SourceId } | { kind: "recipient"; id: RecipientId };

/** The system of this name, or undefined. Names are unique (compared as given, after trimming). */
export function findSystemByName(q: Queries, name: string): Promise<ConnectedSystem | undefined> {
  return q.select().from(connectedSystems).where(eq(connectedSystems.name, name.trim())).get();
}

export function findSystem(q: Queries, id: string): Promise<ConnectedSystem | undefined> {
  return q.select().from(connectedSystems).where(eq(connectedSystems.id, id)).get();
}

/**
 * Registers a system inside the caller's transaction, with its audit entry. The caller checks the name is free
 * (`findSystemByName`); a race between two registrations of one name ends in the unique index, not a second row.
 */
export async function registerConnectedSystem(
  tx: Tx,
  input: { name: string; party: NoticeParty },
  actor: AuditActor & { ip?: string | null },
  now: number,
): Promise<ConnectedSystem> {
  const row: ConnectedSystem = {
    id: randomToken(),
    name: input.name.trim(),
    noticePartyKind: input.party.kind,
    noticePartyId: input.party.id,
    createdAt: now,
    createdBy: actor.type === "staff" ? actor.id : null,
  };
  await tx.insert(connectedSystems).values(row);
  await appendAudit(
    tx,
    {
      actor: actor.type === "staff" ? { type: "staff", id: actor.id, role: actor.role } : actor,
      action: "connected_system.registered",
      detail: { systemId: row.id, party: `${row.noticePartyKind}:${row.noticePartyId}` },
      ip: actor.ip ?? null,
    },
    now,
  );
  return row;
}

/* ---- The admin's screens (staff app "Connected systems"): list, register, rename or re-point. ---- */

export type NoticePartyView = NoticeParty & { name: Localized };

export type SystemView = {
  id: string;
  name: string;
  party: NoticePartyView;
  createdAt: string;
  /** API clients not revoked, and all of them. */
  activeClients: number;
  clients: number;
  /** The start of the system's last applied (not dry-run) import, and the last call of any of its clients. */
  lastImportAt: string | null;
  lastApiUseAt: string | null;
};

/** Whether `party` names a source or recipient of the register description (the schema checks it too). */
export function isNoticeParty(party: { kind: string; id: string }): party is NoticeParty {
  return party.kind === "source"
    ? Object.hasOwn(registerDescription.sources, party.id)
    : party.kind === "recipient" && Object.hasOwn(registerDescription.recipients, party.id);
}

/**
 * A stored party as the current notice names it. A notice changed since the system was registered may no longer
 * describe it (issue 15): the party is then shown by its identifier, never refused.
 */
function partyView(kind: string, id: string): NoticePartyView {
  const partyKind = kind === "source" ? "source" : "recipient";
  return { kind: partyKind, id, name: partyName(registerDescription, partyKind, id) } as NoticePartyView;
}

async function systemViews(q: Queries, id?: string): Promise<SystemView[]> {
  const clients = q
    .select({
      systemId: apiClients.systemId,
      clients: count().as("clients"),
      // count … FILTER, not sum() of a comparison: a comparison is a boolean on PostgreSQL, which has no sum of one.
      activeClients: sql<number>`count(*) FILTER (WHERE ${apiClients.revokedAt} IS NULL)`.as("active_clients"),
      lastUsedAt: max(apiClients.lastUsedAt).as("last_used_at"),
    })
    .from(apiClients)
    .groupBy(apiClients.systemId)
    .as("c");
  const runs = q
    .select({ systemId: imports.systemId, lastImportAt: max(imports.startedAt).as("last_import_at") })
    .from(imports)
    .where(eq(imports.dryRun, false))
    .groupBy(imports.systemId)
    .as("i");
  const rows = await q
    .select({
      system: connectedSystems,
      clients: clients.clients,
      activeClients: clients.activeClients,
      lastUsedAt: clients.lastUsedAt,
      lastImportAt: runs.lastImportAt,
    })
    .from(connectedSystems)
    .leftJoin(clients, eq(clients.systemId, connectedSystems.id))
    .leftJoin(runs, eq(runs.systemId, connectedSystems.id))
    .where(id === undefined ? undefined : eq(connectedSystems.id, id))
    .orderBy(asc(connectedSystems.name))
    .all();
  return rows.map((r) => ({
    id: r.system.id,
    name: r.system.name,
    party: partyView(r.system.noticePartyKind, r.system.noticePartyId),
    createdAt: iso(r.system.createdAt),
    activeClients: Number(r.activeClients ?? 0),
    clients: Number(r.clients ?? 0),
    lastImportAt: iso(r.lastImportAt ?? null),
    lastApiUseAt: iso(r.lastUsedAt ?? null),
  }));
}

/** Every registered system, by name, with its party's name, client counts and last use. */
export function listConnectedSystems(q: Queries): Promise<SystemView[]> {
  return systemViews(q);
}

export async function connectedSystemView(q: Queries, id: string): Promise<SystemView | undefined> {
  return (await systemViews(q, id))[0];
}

const systemNameTaken = () => fail(409, "system_name_taken", "name");
const badParty = () => fail(400, "notice_party_invalid", "party");

/** An admin registers a system (the import registers one through `registerConnectedSystem` directly). */
export async function registerSystem(
  { db, now }: { db: Db; now: () => number },
  actor: StaffActor,
  input: { name: string; party: { kind: string; id: string } },
): Promise<Result<{ system: SystemView }>> {
  const { party } = input;
  if (!isNoticeParty(party)) return badParty();
  const at = now();
  const result = await transact(db, async (tx) => {
    if (await findSystemByName(tx, input.name)) return systemNameTaken();
    const row = await registerConnectedSystem(
      tx,
      { name: input.name, party },
      { ...auditActorOf(actor), ip: actor.ip },
      at,
    );
    return { ok: true, id: row.id };
  });
  if (!result.ok) return result;
  const system = await connectedSystemView(db, result.id);
  if (!system) throw new Error("registered system not found");
  return { ok: true, system };
}

/**
 * An admin renames a system or re-points it to another party of the notice. Customers see the new name beside
 * the data the system gave; the data's source rows keep pointing to the same system.
 */
export async function updateSystem(
  { db, now }: { db: Db; now: () => number },
  actor: StaffActor,
  id: string,
  input: { name?: string | undefined; party?: { kind: string; id: string } | undefined },
): Promise<Result<{ system: SystemView }>> {
  const { party } = input;
  if (party && !isNoticeParty(party)) return badParty();
  const at = now();
  const result = await transact(db, async (tx) => {
    const before = await findSystem(tx, id);
    if (!before) return notFound();
    const name = input.name?.trim();
    if (name !== undefined && name !== before.name) {
      const other = await findSystemByName(tx, name);
      if (other && other.id !== id) return systemNameTaken();
    }
    const set = {
      ...(name !== undefined ? { name } : {}),
      ...(party ? { noticePartyKind: party.kind, noticePartyId: party.id } : {}),
    };
    await tx.update(connectedSystems).set(set).where(eq(connectedSystems.id, id));
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "connected_system.updated",
        // A system's name is the controller's, not a person's: the trail may keep it.
        detail: {
          systemId: id,
          ...(name !== undefined && name !== before.name ? { name: { from: before.name, to: name } } : {}),
          ...(party
            ? { party: { from: `${before.noticePartyKind}:${before.noticePartyId}`, to: `${party.kind}:${party.id}` } }
            : {}),
        },
      }),
      at,
    );
    return { ok: true };
  });
  if (!result.ok) return result;
  const system = await connectedSystemView(db, id);
  if (!system) throw new Error("updated system not found");
  return { ok: true, system };
}

/** One system with its API clients (never a secret or its hash), for the system's page. */
export async function connectedSystemDetail(
  q: Queries,
  id: string,
): Promise<Result<{ system: SystemView; clients: ApiClientView[] }>> {
  const system = await connectedSystemView(q, id);
  if (!system) return notFound();
  return { ok: true, system, clients: await listApiClients(q, id) };
}
