import { type IntegrationScope, integrationScopes } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import { clientSecretHash, parseClientToken } from "../auth/client-token.ts";
import { countOne, failuresOf } from "../auth/sign-in-limits.ts";
import { digestsEqual } from "../auth/tokens.ts";
import type { Db } from "../db/port.ts";
import { apiClients, connectedSystems } from "../db/schema.ts";
import type { ClientActor } from "./audit.ts";

/*
 * Who calls the integration API (issue 12): a connected system's API client, found by the id in its bearer token,
 * its secret compared with the stored hash in constant time. Its calls are counted per client in fixed one-minute
 * windows in the sign-in limits' counter table (`sign_in_attempts`, key `client:<id>`), which the scheduled purge
 * clears like every other counter.
 */

export type IntegrationClient = ClientActor & {
  scopes: readonly IntegrationScope[];
  /** Calls a minute; null: the documented default (`API_REQUESTS_PER_MINUTE`). */
  requestsPerMinute: number | null;
};

const RATE_WINDOW_MS = 60_000;
/** `last_used_at` is a hint for the admin screen ("last used"), written at most once a minute per client. */
const LAST_USED_RESOLUTION_MS = 60_000;
/** A hash compared when the id is unknown, so an unknown id costs what a wrong secret costs. */
const NO_CLIENT_HASH = clientSecretHash("no-such-client");

const isScope = (value: unknown): value is IntegrationScope =>
  typeof value === "string" && (integrationScopes as readonly string[]).includes(value);

function scopesOf(text: string): IntegrationScope[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter(isScope) : [];
  } catch {
    // A damaged row grants nothing.
    return [];
  }
}

/** The client of an `Authorization` header, or null when the token is missing, malformed, wrong or revoked. */
export async function authenticateClient(
  db: Db,
  authorization: string | undefined,
  ip: string | null,
  now: number,
): Promise<(IntegrationClient & { lastUsedAt: number | null }) | null> {
  const token = parseClientToken(authorization);
  if (!token) return null;
  const row = await db
    .select({
      id: apiClients.id,
      name: apiClients.name,
      secretHash: apiClients.secretHash,
      scopes: apiClients.scopes,
      requestsPerMinute: apiClients.requestsPerMinute,
      lastUsedAt: apiClients.lastUsedAt,
      revokedAt: apiClients.revokedAt,
      systemId: connectedSystems.id,
      systemName: connectedSystems.name,
    })
    .from(apiClients)
    .innerJoin(connectedSystems, eq(connectedSystems.id, apiClients.systemId))
    .where(eq(apiClients.id, token.clientId))
    .get();
  const matches = digestsEqual(clientSecretHash(token.secret), row?.secretHash ?? NO_CLIENT_HASH);
  if (!row || !matches || (row.revokedAt !== null && row.revokedAt <= now)) return null;
  return {
    clientId: row.id,
    clientName: row.name,
    systemId: row.systemId,
    systemName: row.systemName,
    ip,
    scopes: scopesOf(row.scopes),
    requestsPerMinute: row.requestsPerMinute,
    lastUsedAt: row.lastUsedAt,
  };
}

export type CallTaken = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Counts one call of the client in the current minute, or refuses it (counting nothing) when `limit` calls were
 * already made; notes `last_used_at` when the last note is a minute old. One transaction, written without waiting
 * for the disk, as the sign-in counters are (decision 007).
 */
export function takeClientCall(
  db: Db,
  client: { clientId: string; lastUsedAt: number | null },
  limit: number,
  now: number,
): Promise<CallTaken> {
  const start = now - (now % RATE_WINDOW_MS);
  const key = `client:${client.clientId}`;
  return db.transaction(
    async (tx) => {
      if ((await failuresOf(tx, key, start)) >= limit) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((start + RATE_WINDOW_MS - now) / 1000)) };
      }
      await countOne(tx, { key, start });
      if (client.lastUsedAt === null || now - client.lastUsedAt >= LAST_USED_RESOLUTION_MS) {
        await tx.update(apiClients).set({ lastUsedAt: now }).where(eq(apiClients.id, client.clientId));
      }
      return { ok: true } as const;
    },
    { durability: "relaxed" },
  );
}
