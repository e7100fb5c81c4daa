import { type IntegrationScope, integrationScopes, iso } from "@tietoni/domain";
import { and, asc, eq } from "drizzle-orm";
import { clientSecretHash } from "../auth/client-token.ts";
import { randomToken } from "../auth/tokens.ts";
import type { Db, Queries, Tx } from "../db/port.ts";
import { apiClients, connectedSystems } from "../db/schema.ts";
import { appendAudit, byStaff, type StaffActor } from "./audit.ts";
import { fail, notFound, type Result, transact } from "./result.ts";

/*
 * A connected system's credentials for the integration API (issue 12). The token an admin copies is
 * `tti_<clientId>_<secret>`; the secret is 32 random bytes and only its SHA-256 is stored (auth/client-token.ts,
 * where the integration API's bearer check parses and hashes it). The token is in the answer to "create" and
 * "rotate" only: no list or read shows it again, and a rotation makes the old one stop working at once. A revoked
 * client stays listed (the trail names it) and can never be used, rotated or revived.
 */

type ApiClientRow = typeof apiClients.$inferSelect;

export type ApiClientView = {
  id: string;
  systemId: string;
  name: string;
  scopes: IntegrationScope[];
  /** Calls a minute; null: the documented default (`API_REQUESTS_PER_MINUTE`). */
  requestsPerMinute: number | null;
  createdAt: string;
  secretRotatedAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** The stored scopes, as an array of known scopes (anything else in the column is ignored, never granted). */
export function scopesOf(row: Pick<ApiClientRow, "scopes">): IntegrationScope[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.scopes);
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? integrationScopes.filter((s) => parsed.includes(s)) : [];
}

function clientView(row: ApiClientRow): ApiClientView {
  return {
    id: row.id,
    systemId: row.systemId,
    name: row.name,
    scopes: scopesOf(row),
    requestsPerMinute: row.requestsPerMinute,
    createdAt: iso(row.createdAt),
    secretRotatedAt: iso(row.secretRotatedAt),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
  };
}

/** A new secret and the token that carries it: the token goes to the admin once, the hash to the database. */
function newSecret(clientId: string): { token: string; secretHash: string } {
  const secret = randomToken(32);
  return { token: `tti_${clientId}_${secret}`, secretHash: clientSecretHash(secret) };
}

/** A system's clients, oldest first, revoked ones included. Never the secret or its hash. */
export async function listApiClients(q: Queries, systemId: string): Promise<ApiClientView[]> {
  const rows = await q
    .select()
    .from(apiClients)
    .where(eq(apiClients.systemId, systemId))
    .orderBy(asc(apiClients.createdAt), asc(apiClients.name))
    .all();
  return rows.map(clientView);
}

const findClient = (q: Queries, systemId: string, clientId: string) =>
  q
    .select()
    .from(apiClients)
    .where(and(eq(apiClients.id, clientId), eq(apiClients.systemId, systemId)))
    .get();

const clientNameTaken = () => fail(409, "api_client_name_taken", "name");
const clientRevoked = () => fail(409, "api_client_revoked");

type Deps = { db: Db; now: () => number };

/** An admin creates a client of a system: its token is in this answer and nowhere else. */
export async function createApiClient(
  { db, now }: Deps,
  actor: StaffActor,
  systemId: string,
  input: { name: string; scopes: readonly IntegrationScope[]; requestsPerMinute?: number | null | undefined },
): Promise<Result<{ client: ApiClientView; token: string }>> {
  const scopes = integrationScopes.filter((s) => input.scopes.includes(s));
  if (scopes.length === 0) return fail(400, "scopes_required", "scopes");
  const at = now();
  return transact(db, async (tx) => {
    // Looked up here rather than through connected-systems.ts, which imports this module for a system's page.
    const system = await tx
      .select({ id: connectedSystems.id })
      .from(connectedSystems)
      .where(eq(connectedSystems.id, systemId))
      .get();
    if (!system) return notFound();
    const name = input.name.trim();
    const taken = await tx.select({ id: apiClients.id }).from(apiClients).where(eq(apiClients.name, name)).get();
    if (taken) return clientNameTaken();
    const id = randomToken();
    const { token, secretHash } = newSecret(id);
    const row: ApiClientRow = {
      id,
      systemId,
      name,
      secretHash,
      scopes: JSON.stringify(scopes),
      requestsPerMinute: input.requestsPerMinute ?? null,
      createdAt: at,
      createdBy: actor.id,
      secretRotatedAt: null,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    };
    await tx.insert(apiClients).values(row);
    await appendAudit(
      tx,
      byStaff(actor, {
        action: "api_client.created",
        detail: { systemId, clientId: id, scopes, requestsPerMinute: row.requestsPerMinute },
      }),
      at,
    );
    return { ok: true, client: clientView(row), token };
  });
}

/** Runs `change` on a live (not revoked) client of the system, or refuses. */
async function withLiveClient<T extends object>(
  tx: Tx,
  systemId: string,
  clientId: string,
  change: (row: ApiClientRow) => Promise<Result<T>>,
): Promise<Result<T>> {
  const row = await findClient(tx, systemId, clientId);
  if (!row) return notFound();
  if (row.revokedAt !== null) return clientRevoked();
  return change(row);
}

/** A new secret for the client: the old token stops working with this commit; the new one is shown once. */
export function rotateApiClientSecret(
  { db, now }: Deps,
  actor: StaffActor,
  systemId: string,
  clientId: string,
): Promise<Result<{ client: ApiClientView; token: string }>> {
  const at = now();
  return transact(db, (tx) =>
    withLiveClient(tx, systemId, clientId, async (row) => {
      const { token, secretHash } = newSecret(row.id);
      await tx.update(apiClients).set({ secretHash, secretRotatedAt: at }).where(eq(apiClients.id, row.id));
      await appendAudit(
        tx,
        byStaff(actor, { action: "api_client.secret_rotated", detail: { systemId, clientId: row.id } }),
        at,
      );
      return { ok: true, client: clientView({ ...row, secretHash, secretRotatedAt: at }), token };
    }),
  );
}

/** Revokes the client for good: its token stops working with this commit and no rotation revives it. */
export function revokeApiClient(
  { db, now }: Deps,
  actor: StaffActor,
  systemId: string,
  clientId: string,
): Promise<Result<{ client: ApiClientView }>> {
  const at = now();
  return transact(db, (tx) =>
    withLiveClient(tx, systemId, clientId, async (row) => {
      // The stored hash is replaced by one of a secret nobody was shown: even a check that forgot `revoked_at`
      // could not accept the old token.
      const { secretHash } = newSecret(row.id);
      await tx
        .update(apiClients)
        .set({ secretHash, revokedAt: at, revokedBy: actor.id })
        .where(eq(apiClients.id, row.id));
      await appendAudit(
        tx,
        byStaff(actor, {
          action: "api_client.revoked",
          detail: { systemId, clientId: row.id, scopes: scopesOf(row) },
        }),
        at,
      );
      return { ok: true, client: clientView({ ...row, revokedAt: at, revokedBy: actor.id }) };
    }),
  );
}
