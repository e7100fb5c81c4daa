import { count } from "drizzle-orm";
import { hashPassword } from "../auth/passwords.ts";
import type { CustomerBundle } from "./customer-bundle.ts";
import { insertBundles } from "./insert-bundles.ts";
import type { Db } from "./port.ts";
import { customers, organisations, staffUsers } from "./schema.ts";
import { createRandom, DEMO_ORGANISATIONS, SYNTHETIC_EPOCH, syntheticCustomer } from "./synthetic.ts";

/** Demo accounts, printed in the README. Demo only: production never runs this file. */
export const DEMO_CUSTOMER_EMAIL = "asiakas@example.com";
export const DEMO_STAFF = [
  { username: "agent", password: "agent-demo-pass", role: "agent", displayName: "Antti Asiakaspalvelu" },
  { username: "admin", password: "admin-demo-pass", role: "admin", displayName: "Hilkka Koskinen" },
] as const;

/**
 * The demo admin's two-factor key (RFC 6238, base32), fixed so the demo can be signed into with any
 * authenticator app. Public by design: it is printed in the README and at start-up. Demo only.
 */
export const DEMO_ADMIN_TOTP_SECRET = "V4WBW4Z36X3F7JMDE3TEHE5N6J36NHPH";
/** The demo agent's key: every role needs a second factor by default (issue 11), so the agent comes enrolled too. */
export const DEMO_AGENT_TOTP_SECRET = "LBFLBPALLVK3CK32KBWKGYWROJCWZNL3";
const demoTotpSecrets = { admin: DEMO_ADMIN_TOTP_SECRET, agent: DEMO_AGENT_TOTP_SECRET } as const;

const ORDINARY_CUSTOMERS = 240;
const DAY = 86_400_000;

/** Turns a synthetic customer into one of the named demo cases. */
function named(bundle: CustomerBundle, fields: { firstName: string; lastName: string; email: string }): CustomerBundle {
  const name = `${fields.firstName} ${fields.lastName}`;
  return {
    ...bundle,
    customer: { ...bundle.customer, ...fields },
    billing: bundle.billing ? { ...bundle.billing, billingName: name } : null,
  };
}

/** The demo customers the README and the tests name, each showing one rule of the register. */
function demoCases(): CustomerBundle[] {
  const random = createRandom(2021_04_28);

  // The demo customer: several orders, one paid and one open invoice, an IP history.
  const aino = named(syntheticCustomer(random, 1, { orders: 4 }), {
    firstName: "Aino",
    lastName: "Asiakas",
    email: DEMO_CUSTOMER_EMAIL,
  });
  aino.customer.relationshipEnd = null;
  aino.customer.phone = "+358401234567";
  aino.customer.www = "https://aino-asiakas.example";
  aino.invoices = aino.invoices.map((inv, i) => ({
    ...inv,
    status: i === aino.invoices.length - 1 ? "open" : "paid",
    paidAt: i === aino.invoices.length - 1 ? null : inv.issuedAt,
    inCollection: false,
  }));
  aino.ips = [0, 40, 95].map((daysAgo, i) => ({
    customerId: aino.customer.id,
    ip: `203.0.113.${10 + i}`,
    seenAt: SYNTHETIC_EPOCH - daysAgo * DAY,
  }));
  aino.sources.push({
    customerId: aino.customer.id,
    category: "ipAddress",
    source: "partnerDigital",
    notedAt: SYNTHETIC_EPOCH - 95 * DAY,
    detail: null,
  });
  aino.billing = {
    customerId: aino.customer.id,
    billingName: "Aino Asiakas",
    street: "Piiskakuja 1",
    postalCode: "20380",
    city: "Turku",
    country: "FI",
    eInvoiceAddress: null,
    paymentTermDays: 14,
  };

  // An active contact person of an organisation: erasure is blocked while the role lasts.
  const matti = named(syntheticCustomer(random, 2, { orders: 2 }), {
    firstName: "Matti",
    lastName: "Yhteyshenkilö",
    email: "yhteyshenkilo@example.com",
  });
  matti.customer.relationshipEnd = null;
  matti.roles = [
    {
      id: "c0000002r1",
      customerId: matti.customer.id,
      organisationId: "org001",
      role: "contactPerson",
      startDate: "2019-03-01",
      endDate: null,
    },
  ];
  matti.sources.push({
    customerId: matti.customer.id,
    category: "organisation",
    source: "registration",
    notedAt: Date.UTC(2019, 2, 1),
    detail: null,
  });

  // A customer with an invoice in debt collection.
  const sari = named(syntheticCustomer(random, 3, { orders: 2 }), {
    firstName: "Sari",
    lastName: "Perintä",
    email: "perinta@example.com",
  });
  sari.customer.relationshipEnd = null;
  sari.invoices = sari.invoices.map((inv, i) =>
    i === 0 ? { ...inv, status: "open", paidAt: null, inCollection: true } : inv,
  );

  // A relationship that ended more than ten years ago: due for retention.
  const pekka = named(syntheticCustomer(random, 4, { orders: 1 }), {
    firstName: "Pekka",
    lastName: "Päättynyt",
    email: "paattynyt@example.com",
  });
  pekka.customer.relationshipStart = "2009-02-01";
  pekka.customer.relationshipEnd = "2015-06-30";
  pekka.orders = pekka.orders.map((o) => ({ ...o, orderedAt: Date.UTC(2014, 10, 3), status: "delivered" }));
  pekka.invoices = pekka.invoices.map((inv) => ({
    ...inv,
    issuedAt: "2014-11-04",
    dueAt: "2014-11-18",
    status: "paid",
    paidAt: "2014-11-10",
  }));

  return [aino, matti, sari, pekka];
}

/** Seeds the demo register once: only into an empty database. */
export async function seedDemo(db: Db): Promise<boolean> {
  const existing = (await db.select({ n: count() }).from(customers).get())?.n ?? 0;
  if (existing > 0) return false;
  const random = createRandom(42);
  const ordinary = Array.from({ length: ORDINARY_CUSTOMERS }, (_, i) => syntheticCustomer(random, 100 + i));
  const staff = await Promise.all(
    DEMO_STAFF.map(async (s) => ({
      id: `staff-${s.username}`,
      username: s.username,
      displayName: s.displayName,
      role: s.role,
      passwordHash: await hashPassword(s.password),
      confidentialitySignedOn: "2021-04-28",
      createdAt: SYNTHETIC_EPOCH,
      passwordChangedAt: SYNTHETIC_EPOCH,
      // Every role needs two-factor sign-in; the demo staff come enrolled so the demo works at once.
      totpSecret: demoTotpSecrets[s.role],
      totpEnabledAt: SYNTHETIC_EPOCH,
    })),
  );
  // One transaction: a second process starting beside this one finds either nothing or the whole demo.
  await db.transaction(async (tx) => {
    await tx.insert(organisations).values(DEMO_ORGANISATIONS);
    await tx.insert(staffUsers).values(staff);
    await insertBundles(tx, [...demoCases(), ...ordinary]);
  });
  return true;
}
