import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../auth/passwords.ts";
import { createSessionStore } from "../auth/session-store.ts";
import { type Env, parseEnv } from "../env.ts";
import { openDatabase } from "./client.ts";
import type { Db } from "./port.ts";
import { invoices, organisationRoles, staffUsers } from "./schema.ts";
import { createCustomer, createStaffAccount, findCustomer, signIn, tracesInRegister } from "./test-fixtures.ts";

let dir: string;
let db: Db;
let env: Env;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-fixtures-"));
  env = parseEnv({ NODE_ENV: "test", DATABASE_PATH: path.join(dir, "x.sqlite"), MAIL_DIR: path.join(dir, "mail") });
  db = await openDatabase(env.databasePath);
});

afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("test fixtures", () => {
  it("creates customers no other call shares: ids, e-mail addresses and order numbers differ", async () => {
    const created = await Promise.all(Array.from({ length: 20 }, () => createCustomer(db)));
    expect(new Set(created.map((c) => c.id)).size).toBe(20);
    expect(new Set(created.map((c) => c.email)).size).toBe(20);
    expect(new Set(created.flatMap((c) => c.orderNumbers)).size).toBe(40);
    for (const c of created) {
      expect(await findCustomer(db, c.id)).toMatchObject({ email: c.email, relationshipEnd: null, anonymisedAt: null });
    }
  });

  it("takes names and the cases that block erasure or make retention due as options", async () => {
    const c = await createCustomer(db, {
      firstName: "Eemeli",
      lastName: "Esimerkki",
      invoiceInCollection: true,
      contactPerson: true,
    });
    expect(c.name).toBe("Eemeli Esimerkki");
    const rows = await db.select().from(invoices).where(eq(invoices.customerId, c.id));
    expect(rows.filter((i) => i.inCollection)).toHaveLength(1);
    const roles = await db.select().from(organisationRoles).where(eq(organisationRoles.customerId, c.id));
    expect(roles).toMatchObject([{ role: "contactPerson", endDate: null, organisationId: c.organisation?.id }]);

    const ended = await createCustomer(db, { endedLongAgo: true });
    expect(await findCustomer(db, ended.id)).toMatchObject({ relationshipEnd: "2015-06-30" });
  });

  it("signs a created customer in with a session the BFF's session store accepts, under the server's cookie name", async () => {
    const c = await createCustomer(db);
    const cookie = await signIn(db, env, "customer", c.id);
    expect(cookie.name).toBe("tietoni-portal");
    const store = createSessionStore(db, { table: "customer_sessions", subject: "customer_id" }, env.sessionPolicy);
    const found = await store.authenticate(cookie.value, Date.now(), (r, id) => findCustomer(r, id));
    expect(found?.subject).toMatchObject({ id: c.id, email: c.email });
    expect(await store.authenticate(`${cookie.value.split(".")[0]}.wrong`, Date.now(), async () => ({}))).toBeNull();
  });

  it("creates staff accounts that can sign in with their password, and signs them in", async () => {
    const admin = await createStaffAccount(db, { role: "admin" });
    const agent = await createStaffAccount(db, { role: "agent", password: "an-agent-of-its-own" });
    expect(admin.username).not.toBe(agent.username);
    expect(admin.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    // Every role needs a second factor by default, so the accounts come enrolled unless a test asks otherwise.
    expect(agent.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect((await createStaffAccount(db, { role: "agent", totp: false })).totpSecret).toBeNull();
    const row = await db.select().from(staffUsers).where(eq(staffUsers.id, agent.id)).get();
    expect(row?.confidentialitySignedOn).not.toBeNull();
    expect(await verifyPassword(row?.passwordHash ?? null, "an-agent-of-its-own")).toBe(true);

    const cookie = await signIn(db, env, "staff", admin.id);
    expect(cookie.name).toBe("tietoni-staff");
    const store = createSessionStore(db, { table: "staff_sessions", subject: "staff_user_id" }, env.sessionPolicy);
    const found = await store.authenticate(
      cookie.value,
      Date.now(),
      async (r, id) => (await r.select().from(staffUsers).where(eq(staffUsers.id, id)).get()) ?? null,
    );
    expect(found?.subject).toMatchObject({ id: admin.id, role: "admin" });
  });

  it("finds where a person's data still is in the register", async () => {
    const c = await createCustomer(db);
    const traces = await tracesInRegister(db, [c.email]);
    expect(traces).toContain(`customers: ${c.email}`);
    expect(await tracesInRegister(db, ["nobody-ever@example.invalid"])).toEqual([]);
  });
});
