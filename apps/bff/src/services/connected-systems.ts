import type { recipientIds, sourceIds } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import { randomToken } from "../auth/tokens.ts";
import type { Queries, Tx } from "../db/port.ts";
import { connectedSystems } from "../db/schema.ts";
import { type AuditActor, appendAudit } from "./audit.ts";

/*
 * Connected systems (issue 12): the controller's systems that feed or receive the register. Registered by an admin
 * in the staff app, or by an import naming a system not yet known (`pnpm data:import -- --system "name"`); both go
 * through `registerConnectedSystem`, so every registration is audited the same way.
 */

export type ConnectedSystem = typeof connectedSystems.$inferSelect;

export type NoticeParty =
  | { kind: "source"; id: (typeof sourceIds)[number] }
  | { kind: "recipient"; id: (typeof recipientIds)[number] };

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
