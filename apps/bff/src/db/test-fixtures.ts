import { randomInt } from "node:crypto";
import {
  checkpointLine,
  type DataCategoryId,
  type IntegrationScope,
  iso,
  type RestrictionGround,
  type StaffRoleName,
} from "@tietoni/domain";
import { eq, sql } from "drizzle-orm";
import { clientSecretHash } from "../auth/client-token.ts";
import { hashPassword } from "../auth/passwords.ts";
import { createSessionStore } from "../auth/session-store.ts";
import { randomToken } from "../auth/tokens.ts";
import { newTotpSecret } from "../auth/totp.ts";
import type { Env } from "../env.ts";
import { sessionCookieName } from "../http/session-cookie.ts";
import { databaseImage } from "./client.ts";
import type { CustomerBundle } from "./customer-bundle.ts";
import { insertBundles } from "./insert-bundles.ts";
import type { Db, Queries } from "./port.ts";
import {
  apiClients,
  connectedSystems,
  customerSessions,
  customers,
  datumSources,
  organisations,
  restrictions,
  staffUsers,
} from "./schema.ts";
import { createRandom, syntheticCustomer } from "./synthetic.ts";

/*
 * TEST ONLY: the records a test needs, created through the data port with the BFF's own seed and session code,
 * so a test owns its data instead of borrowing a reserved row of the demo register, and its sessions are made
 * exactly as a sign-in makes them. Used by the browser tests (e2e/fixtures.ts) and unit tests; production code
 * never imports this file.
 */

export type CustomerOptions = {
  /** How many orders, each with its invoice (paid unless said otherwise). Default 2. */
  orders?: number;
  firstName?: string;
  lastName?: string;
  /** A phone number, or null for none. Default: whatever the synthetic customer got. */
  phone?: string | null;
  /** The first invoice is open and in debt collection (blocks erasure). */
  invoiceInCollection?: boolean;
  /** An active contact-person role of an organisation of the customer's own (blocks erasure). */
  contactPerson?: boolean;
  /** The relationship ended in 2015: more than ten years ago, so retention is due. */
  endedLongAgo?: boolean;
  /** When the record was created (default: the synthetic relationship's start, before the disclosure log). */
  createdAt?: number;
  /** No web address, nor its source (issue 15 C: a customer of a controller whose notice omits the category). */
  withoutWww?: boolean;
};

export type CreatedCustomer = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  /** "First Last", as both apps show it. */
  name: string;
  phone: string | null;
  orderNumbers: string[];
  invoiceNumbers: string[];
  /** The organisation of the contact-person role, when one was asked for. */
  organisation: { id: string; name: string } | null;
};

/**
 * A number no other call (in this process or another) is likely to draw: 2^47 values, far above the demo's
 * and the large seed's customer numbers, so ids, e-mail addresses and order numbers never meet theirs.
 */
const uniqueNumber = () => randomInt(1_000_000_000, 2 ** 47);

/** Lower-case letters only, for names that must be unique but still look like names. */
export function uniqueLetters(length = 8): string {
  return Array.from({ length }, () => String.fromCharCode(97 + randomInt(26))).join("");
}

function applyOptions(bundle: CustomerBundle, n: number, options: CustomerOptions): CustomerBundle {
  const { customer } = bundle;
  if (options.firstName !== undefined) customer.firstName = options.firstName;
  if (options.lastName !== undefined) customer.lastName = options.lastName;
  if (options.phone !== undefined) customer.phone = options.phone;
  if (options.createdAt !== undefined) customer.createdAt = options.createdAt;
  if (options.withoutWww) {
    customer.www = null;
    bundle.sources = bundle.sources.filter((s) => s.category !== "www");
  }
  if (bundle.billing) bundle.billing.billingName = `${customer.firstName} ${customer.lastName}`;
  // Deterministic defaults: an active customer whose invoices are all paid and who has no role, so nothing blocks
  // erasure and every list that takes active customers includes them, unless an option says otherwise.
  customer.relationshipEnd = null;
  bundle.roles = [];
  bundle.sources = bundle.sources.filter((s) => s.category !== "organisation");
  bundle.orders = bundle.orders.map((o) => ({ ...o, status: "delivered" }));
  bundle.invoices = bundle.invoices.map((inv) => ({
    ...inv,
    status: "paid",
    inCollection: false,
    paidAt: inv.paidAt ?? inv.dueAt,
  }));
  if (options.invoiceInCollection) {
    const [first, ...rest] = bundle.invoices;
    if (!first) throw new Error("an invoice in collection needs at least one order");
    bundle.invoices = [{ ...first, status: "open", paidAt: null, inCollection: true }, ...rest];
  }
  if (options.endedLongAgo) {
    // As the demo's Pekka Päättynyt: everything happened before the relationship ended in 2015.
    customer.relationshipStart = "2009-02-01";
    customer.relationshipEnd = "2015-06-30";
    bundle.orders = bundle.orders.map((o) => ({ ...o, orderedAt: Date.UTC(2014, 10, 3) }));
    bundle.invoices = bundle.invoices.map((inv) => ({
      ...inv,
      issuedAt: "2014-11-04",
      dueAt: "2014-11-18",
      status: "paid",
      paidAt: "2014-11-10",
    }));
  }
  if (options.contactPerson) {
    bundle.roles = [
      {
        id: `${customer.id}r1`,
        customerId: customer.id,
        organisationId: `org${n}`,
        role: "contactPerson",
        startDate: customer.relationshipStart,
        endDate: null,
      },
    ];
    bundle.sources.push({
      customerId: customer.id,
      category: "organisation",
      source: "registration",
      notedAt: customer.createdAt,
      detail: null,
    });
  }
  return bundle;
}

/**
 * Creates a customer no other test knows: a synthetic customer (the demo seed's generator) with a unique id,
 * e-mail address and order numbers, written with the seed's own `insertBundles` in one transaction.
 */
export async function createCustomer(db: Db, options: CustomerOptions = {}): Promise<CreatedCustomer> {
  const n = uniqueNumber();
  const bundle = applyOptions(
    syntheticCustomer(createRandom(n % 2 ** 32), n, { orders: options.orders ?? 2 }),
    n,
    options,
  );
  const organisation = options.contactPerson ? { id: `org${n}`, name: `Yhteisö ${uniqueLetters()} Oy` } : null;
  await db.transaction(async (tx) => {
    if (organisation) await tx.insert(organisations).values({ ...organisation, businessId: null });
    await insertBundles(tx, [bundle]);
  });
  const { customer } = bundle;
  if (!customer.email) throw new Error("a synthetic customer always has an e-mail address");
  return {
    id: customer.id,
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
    name: `${customer.firstName} ${customer.lastName}`,
    phone: customer.phone ?? null,
    orderNumbers: bundle.orders.map((o) => o.orderNumber),
    invoiceNumbers: bundle.invoices.map((inv) => inv.invoiceNumber),
    organisation,
  };
}

/** A customer as the register has them now (after a test changed or erased them), or null. */
export async function findCustomer(q: Queries, id: string) {
  return (await q.select().from(customers).where(eq(customers.id, id)).get()) ?? null;
}

export type StaffOptions = {
  /** Issue 14 G: any staff role, the data-protection officer's (`dpo`) too. */
  role: StaffRoleName;
  /** Default: a long random passphrase, returned with the account. */
  password?: string;
  /**
   * Two-factor sign-in enrolled with a fresh key (returned). Default: on, as every role needs it unless an admin
   * switched it off; false makes a person whose first sign-in goes to enrolment.
   */
  totp?: boolean;
  /** As after an admin's reset or a new account: the next sign-in must change the password first. Default false. */
  mustChangePassword?: boolean;
  displayName?: string;
  username?: string;
};

export type CreatedStaff = {
  id: string;
  username: string;
  password: string;
  displayName: string;
  role: StaffRoleName;
  /** The authenticator key (base32) when two-factor sign-in is on, else null. */
  totpSecret: string | null;
};

// argon2id takes a while and every account without a password of its own gets the same one: hash it once.
const DEFAULT_PASSWORD = "e2e-staff-member-passphrase";
let defaultHash: Promise<string> | undefined;

/**
 * Creates a staff account that has signed the confidentiality commitment, with an argon2id hash made by the
 * BFF's own `hashPassword`, so it can sign in with its password as well as through `signIn`.
 */
export async function createStaffAccount(db: Db, options: StaffOptions): Promise<CreatedStaff> {
  const suffix = uniqueLetters();
  const password = options.password ?? DEFAULT_PASSWORD;
  let passwordHash: string;
  if (options.password === undefined) {
    defaultHash ??= hashPassword(DEFAULT_PASSWORD);
    passwordHash = await defaultHash;
  } else passwordHash = await hashPassword(password);
  const totpSecret = (options.totp ?? true) ? newTotpSecret() : null;
  const now = Date.now();
  const account = {
    id: `staff-${randomToken()}`,
    username: options.username ?? `e2e.${options.role}.${suffix}`,
    displayName: options.displayName ?? `Testi ${suffix.charAt(0).toUpperCase()}${suffix.slice(1)}`,
    role: options.role,
  };
  await db.insert(staffUsers).values({
    ...account,
    passwordHash,
    confidentialitySignedOn: new Date(now).toISOString().slice(0, 10),
    createdAt: now,
    passwordChangedAt: now,
    totpSecret,
    totpEnabledAt: totpSecret ? now : null,
    mustChangePassword: options.mustChangePassword ?? false,
  });
  return { ...account, password, totpSecret };
}

/**
 * Signs a customer or a staff member in the way a sign-in does (the BFF's session store), and returns the cookie
 * the browser would have got, named as the server names it for this configuration.
 */
export async function signIn(
  db: Db,
  env: Env,
  who: "customer" | "staff",
  id: string,
  client: { ip: string | null; userAgent: string | null } = { ip: null, userAgent: null },
): Promise<{ name: string; value: string }> {
  const store =
    who === "customer"
      ? createSessionStore(db, { table: "customer_sessions", subject: "customer_id" }, env.sessionPolicy)
      : createSessionStore(db, { table: "staff_sessions", subject: "staff_user_id" }, env.sessionPolicy);
  const { token } = await store.create(id, Date.now(), client);
  return { name: sessionCookieName(env, who === "customer" ? "portal" : "staff"), value: token };
}

/**
 * The names of every table of the register, by name (issue 16: SQLite's catalogue, or the tables of PostgreSQL's
 * schema, migrations bookkeeping included on both).
 */
export async function registerTables(q: Queries): Promise<string[]> {
  const tables = await q.rows<{ name: string }>(
    q.engine === "postgres"
      ? sql`SELECT table_name AS name FROM information_schema.tables
              WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
      : sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
  return tables.map((t) => t.name);
}

/** Per PostgreSQL port, the one statement that digests every table (the schema does not change under a test). */
const imageStatements = new WeakMap<Db, string>();

/**
 * An image of the register for tests that prove a refused request wrote nothing: two images are equal exactly when
 * nothing was written in between. On SQLite the file's bytes as the writer sees them (databaseImage); on PostgreSQL,
 * which has no such image, each table's row count and the sum of its rows' digests (64 bits of md5 of the row's
 * text), in one statement, so on one snapshot and in one round trip. A sum needs no sort, so the image costs the
 * same whatever order the rows are in, and grows only linearly with a trail the test keeps appending to.
 */
export async function registerImage(db: Db): Promise<Buffer> {
  if (db.engine === "sqlite") return databaseImage(db);
  let statement = imageStatements.get(db);
  if (!statement) {
    const digests = (await registerTables(db)).map(
      (name) =>
        `SELECT '${name}' AS name, count(*) || ':' || coalesce(sum(('x' || substr(md5(x::text), 1, 16))::bit(64)::bigint::numeric), 0) AS digest FROM "${name}" x`,
    );
    statement = `${digests.join(" UNION ALL ")} ORDER BY name`;
    imageStatements.set(db, statement);
  }
  const rows = await db.rows<{ name: string; digest: string }>(sql.raw(statement));
  return Buffer.from(rows.map((row) => `${row.name} ${row.digest}`).join("\n"));
}

/**
 * Where any of `needles` (case-insensitive) still occurs anywhere in the register: "table: needle" for each row
 * of any table that holds one. An erased person's name, address or phone must give an empty list.
 */
export async function tracesInRegister(q: Queries, needles: readonly string[]): Promise<string[]> {
  const lower = needles.map((n) => n.toLowerCase());
  const traces: string[] = [];
  for (const name of await registerTables(q)) {
    const rows = await q.rows<Record<string, unknown>>(sql.raw(`SELECT * FROM "${name.replace(/"/g, '""')}"`));
    for (const row of rows) {
      const text = JSON.stringify(row).toLowerCase();
      for (const needle of lower) if (text.includes(needle)) traces.push(`${name}: ${needle}`);
    }
  }
  return traces;
}

/**
 * Moves the sign-in of every session of a customer `ms` into the past, as if they had signed in that long ago (issue
 * 11: an e-mail change from a sign-in over 5 minutes old asks for re-authentication first). Their last use stays, so
 * the sessions do not idle out.
 */
export async function backdateCustomerSignIn(db: Db, customerId: string, ms: number): Promise<void> {
  await db
    .update(customerSessions)
    .set({ createdAt: sql`${customerSessions.createdAt} - ${ms}` })
    .where(eq(customerSessions.customerId, customerId));
}

export type ApiClientOptions = {
  /** The connected system the client belongs to; registered (as a source) when no system has this name. */
  systemName: string;
  scopes: readonly IntegrationScope[];
  /** Calls a minute; default: the documented default (`API_REQUESTS_PER_MINUTE`). */
  requestsPerMinute?: number | null;
  /** Revoked at this time. */
  revokedAt?: number | null;
};

export type CreatedApiClient = {
  /** The bearer token as a client sends it: `tti_<clientId>_<secret>`. */
  token: string;
  clientId: string;
  systemId: string;
};

/**
 * An API client of a connected system, as the admin screens create one (issue 12): the secret kept only as its
 * hash. Tests call the integration API with `Authorization: Bearer <token>`.
 */
export async function createApiClient(db: Db, options: ApiClientOptions): Promise<CreatedApiClient> {
  const now = Date.now();
  let system = await db.select().from(connectedSystems).where(eq(connectedSystems.name, options.systemName)).get();
  if (!system) {
    system = {
      id: randomToken(),
      name: options.systemName,
      noticePartyKind: "source",
      noticePartyId: "registration",
      createdAt: now,
      createdBy: null,
    };
    await db.insert(connectedSystems).values(system);
  }
  const clientId = randomToken();
  const secret = randomToken(20);
  await db.insert(apiClients).values({
    id: clientId,
    systemId: system.id,
    name: `${options.systemName} client ${clientId}`,
    secretHash: clientSecretHash(secret),
    scopes: JSON.stringify(options.scopes),
    requestsPerMinute: options.requestsPerMinute ?? null,
    createdAt: now,
    revokedAt: options.revokedAt ?? null,
  });
  return { token: `tti_${clientId}_${secret}`, clientId, systemId: system.id };
}

/**
 * Issue 12 F: records that a category of the customer's data came from a connected system, registering the system
 * under `systemName` (unique per call) as a source of the notice. Returns the system's id.
 */
export async function addSourceSystem(
  db: Db,
  customerId: string,
  options: { systemName: string; category: DataCategoryId; notedAt: number },
): Promise<string> {
  const systemId = `sys${uniqueNumber()}`;
  await db.transaction(async (tx) => {
    await tx.insert(connectedSystems).values({
      id: systemId,
      name: options.systemName,
      noticePartyKind: "source",
      noticePartyId: "registration",
      createdAt: options.notedAt,
    });
    await tx.insert(datumSources).values({
      customerId,
      category: options.category,
      source: "registration",
      notedAt: options.notedAt,
      systemId,
    });
  });
  return systemId;
}

/** Issue 12 F: gives the customer a postal address under a non-disclosure flag (turvakielto). */
export async function protectAddress(
  db: Db,
  customerId: string,
  address: { street: string; postalCode: string; city: string },
): Promise<void> {
  await db
    .update(customers)
    .set({ ...address, country: "FI", addressProtected: true })
    .where(eq(customers.id, customerId));
}

/** Issue 12 F: records the end of the customer relationship, as staff or a connected system would. */
export async function setRelationshipEnd(db: Db, customerId: string, endsOn: string | null): Promise<void> {
  await db.update(customers).set({ relationshipEnd: endsOn }).where(eq(customers.id, customerId));
}

/**
 * Issue 14 E: the newest `count` audit checkpoints as the lines the DPO's checkpoint mails carry, oldest first —
 * what a data-protection officer pastes into the verification.
 */
export async function auditCheckpointLines(q: Queries, count = 1): Promise<string[]> {
  const rows = await q.rows<{ seq: number; head: string; at: number; keyId: string; signature: string }>(
    sql`SELECT seq, head, at, key_id AS "keyId", signature FROM audit_checkpoints ORDER BY seq DESC LIMIT ${count}`,
  );
  return rows.reverse().map((row) => checkpointLine({ ...row, at: iso(row.at) }));
}

/** Issue 14 B: restricts the customer's processing (Art. 18) on the given ground, in force until lifted. */
export async function restrictCustomer(db: Db, customerId: string, ground: RestrictionGround): Promise<void> {
  await db
    .insert(restrictions)
    .values({ id: `restr${uniqueNumber()}`, customerId, ground, appliedAt: Date.UTC(2026, 10, 1) });
}
