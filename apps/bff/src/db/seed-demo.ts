import {
  type CorrectableField,
  extendedDueDate,
  helsinkiDate,
  initialDueDate,
  type RequestChannel,
  type RequestState,
  type RequestType,
  type RestrictionGround,
} from "@tietoni/domain";
import { count } from "drizzle-orm";
import { hashPassword } from "../auth/passwords.ts";
import type { CustomerBundle } from "./customer-bundle.ts";
import { insertBundles } from "./insert-bundles.ts";
import type { Db, Tx } from "./port.ts";
import { customers, organisations, requestEvents, requests, staffUsers } from "./schema.ts";
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

/**
 * Issue 15 G: the desk a newcomer sees on first sign-in — a pending request of every type, each on a named demo
 * customer of its own (so no other demo case changes), dated from the first start's clock: two due within a week, one
 * overdue, one extended. The README's table "which demo customer shows which case" lists them.
 */
type DemoRequest = {
  firstName: string;
  lastName: string;
  email: string;
  type: RequestType;
  channel: RequestChannel;
  /** How many days before the seed's clock the request arrived (its deadline runs from that day in Helsinki). */
  receivedDaysAgo: number;
  text?: string;
  /** A name correction (the demo's case); its current value is the customer's, as the portal records it. */
  correction?: { field: Extract<CorrectableField, "firstName" | "lastName">; newValue: string; reason: string };
  restrictionGround?: RestrictionGround;
  /** Extended on this day after receipt, by this many months, for these reasons. */
  extension?: { afterDays: number; months: 1 | 2; reasons: string };
};

export const DEMO_DESK_REQUESTS: readonly DemoRequest[] = [
  {
    firstName: "Kaisa",
    lastName: "Kopio",
    email: "kopio@example.com",
    type: "access",
    channel: "portal",
    receivedDaysAgo: 25,
    text: "Pyydän kopion kaikista minusta tallennetuista tiedoista ja tiedon siitä, mistä ne on saatu.",
  },
  {
    firstName: "Riikka",
    lastName: "Oikaisu",
    email: "oikaisu@example.com",
    type: "rectification",
    channel: "portal",
    receivedDaysAgo: 27,
    correction: {
      field: "lastName",
      newValue: "Oikaisu-Virtanen",
      reason: "Sukunimeni muuttui avioliiton myötä.",
    },
  },
  {
    firstName: "Raimo",
    lastName: "Rajoitus",
    email: "rajoitus@example.com",
    type: "restriction",
    channel: "portal",
    receivedDaysAgo: 6,
    restrictionGround: "accuracyContested",
    text: "Osoitteeni on väärin; älkää käyttäkö sitä ennen kuin asia on selvitetty.",
  },
  {
    firstName: "Elina",
    lastName: "Poisto",
    email: "poisto@example.com",
    type: "erasure",
    channel: "portal",
    receivedDaysAgo: 35,
    text: "En ole enää asiakkaanne. Poistakaa tietoni.",
  },
  {
    firstName: "Olli",
    lastName: "Vastustaja",
    email: "vastustus@example.com",
    type: "objection",
    channel: "email",
    receivedDaysAgo: 2,
    text: "Vastustan tietojeni käyttöä asiakasprofilointiin ja kohdennettuun markkinointiin.",
  },
  {
    firstName: "Mervi",
    lastName: "Muu",
    email: "muu@example.com",
    type: "other",
    channel: "paper",
    receivedDaysAgo: 40,
    text: "Kenelle tietojani on luovutettu viimeisen vuoden aikana? (Kirje, saapunut postissa.)",
    extension: {
      afterDays: 20,
      months: 1,
      reasons: "Luovutustiedot on koottava kolmesta järjestelmästä; vastaamme kuukauden jatketussa määräajassa.",
    },
  },
];

const DEMO_DESK_FIRST_INDEX = 5;

/** The demo desk's customers: synthetic like the rest, named, with a running customer relationship. */
function demoDeskCustomers(): CustomerBundle[] {
  const random = createRandom(2026_12_02);
  return DEMO_DESK_REQUESTS.map((r, i) => {
    const bundle = named(syntheticCustomer(random, DEMO_DESK_FIRST_INDEX + i, { orders: 2 }), r);
    bundle.customer.relationshipEnd = null;
    return bundle;
  });
}

/** The requests of DEMO_DESK_REQUESTS on the customers `demoDeskCustomers` made, as the portal and the desk write them. */
async function insertDemoDeskRequests(tx: Tx, bundles: readonly CustomerBundle[], now: number): Promise<void> {
  for (const [i, r] of DEMO_DESK_REQUESTS.entries()) {
    const bundle = bundles[i];
    if (!bundle) throw new Error("demo desk: a request without its customer");
    const receivedAt = now - r.receivedDaysAgo * DAY;
    const receivedOn = helsinkiDate(receivedAt);
    const id = `demo-desk-${r.type}`;
    const extendedAt = r.extension ? receivedAt + r.extension.afterDays * DAY : null;
    const state: RequestState = r.extension ? "extended" : "received";
    const current = r.correction ? bundle.customer[r.correction.field] : null;
    await tx.insert(requests).values({
      id,
      customerId: bundle.customer.id,
      type: r.type,
      state,
      channel: r.channel,
      receivedOn,
      dueOn: r.extension ? extendedDueDate(receivedOn, r.extension.months) : initialDueDate(receivedOn),
      extensionMonths: r.extension?.months ?? null,
      extensionReasons: r.extension?.reasons ?? null,
      extendedAt,
      text: r.text ?? "",
      correctionField: r.correction?.field ?? null,
      correctionCurrent: current,
      correctionNew: r.correction?.newValue ?? null,
      correctionReason: r.correction?.reason ?? null,
      restrictionGround: r.restrictionGround ?? null,
      createdAt: receivedAt,
    });
    // A portal request is received from the customer; a letter or an e-mail is registered by the agent.
    const receivedBy =
      r.channel === "portal"
        ? { actorType: "customer" as const, actorId: bundle.customer.id }
        : { actorType: "staff" as const, actorId: "staff-agent" };
    await tx.insert(requestEvents).values({ requestId: id, at: receivedAt, ...receivedBy, event: "received" });
    if (r.extension && extendedAt !== null)
      await tx.insert(requestEvents).values({
        requestId: id,
        at: extendedAt,
        actorType: "staff",
        actorId: "staff-agent",
        event: "extended",
        note: r.extension.reasons,
      });
  }
}

/**
 * Seeds the demo register once: only into an empty database. `deskAt`: also the demo desk's pending requests, dated
 * from this clock (the server's first start passes the real time). The BFF tests' register leaves them out: its clock
 * is fixed and many tests count the desk.
 */
export async function seedDemo(db: Db, options: { deskAt?: number } = {}): Promise<boolean> {
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
  // One transaction: a second process starting beside this one finds either nothing or the whole demo. Issue 16:
  // instances started together on one PostgreSQL all find it empty above; write transactions run one at a time on
  // both engines, so counting again inside lets exactly one of them seed and the others find the demo there.
  return db.transaction(async (tx) => {
    if (((await tx.select({ n: count() }).from(customers).get())?.n ?? 0) > 0) return false;
    await tx.insert(organisations).values(DEMO_ORGANISATIONS);
    await tx.insert(staffUsers).values(staff);
    await insertBundles(tx, [...demoCases(), ...ordinary]);
    if (options.deskAt !== undefined) {
      const desk = demoDeskCustomers();
      await insertBundles(tx, desk);
      await insertDemoDeskRequests(tx, desk, options.deskAt);
    }
    return true;
  });
}
