import type { DataCategoryId, SourceId } from "@tietoni/domain";
import type { CustomerBundle } from "./customer-bundle.ts";
import type { organisations } from "./schema.ts";

/*
 * Deterministic synthetic customers for the demo and the benchmarks: the same seed gives the same
 * register on every machine, so the README, the tests and the benchmarks can name real rows.
 */

/** mulberry32: tiny, fast and good enough for test data. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
  };
}
export type Random = ReturnType<typeof createRandom>;

const FIRST_NAMES = [
  "Aino",
  "Eino",
  "Helmi",
  "Väinö",
  "Sofia",
  "Leo",
  "Aada",
  "Oliver",
  "Venla",
  "Elias",
  "Ella",
  "Onni",
  "Lilja",
  "Veeti",
  "Iida",
  "Juho",
  "Kaisa",
  "Mikko",
  "Sanna",
  "Timo",
  "Päivi",
  "Jari",
  "Minna",
  "Kari",
  "Tuula",
  "Heikki",
  "Riitta",
  "Pertti",
  "Satu",
  "Ville",
] as const;
const LAST_NAMES = [
  "Virtanen",
  "Korhonen",
  "Mäkinen",
  "Nieminen",
  "Mäkelä",
  "Hämäläinen",
  "Laine",
  "Heikkinen",
  "Koskinen",
  "Järvinen",
  "Lehtonen",
  "Lehtinen",
  "Saarinen",
  "Salminen",
  "Heinonen",
  "Niemi",
  "Heikkilä",
  "Kinnunen",
  "Salonen",
  "Turunen",
  "Salo",
  "Laitinen",
  "Tuominen",
  "Rantanen",
  "Karjalainen",
  "Jokinen",
  "Mattila",
  "Savolainen",
  "Lahtinen",
  "Ahonen",
] as const;
const CITIES = [
  ["Turku", "20"],
  ["Helsinki", "00"],
  ["Tampere", "33"],
  ["Oulu", "90"],
  ["Espoo", "02"],
  ["Jyväskylä", "40"],
  ["Kuopio", "70"],
  ["Lahti", "15"],
  ["Pori", "28"],
  ["Vaasa", "65"],
] as const;
const STREETS = [
  "Aurakatu",
  "Puistokatu",
  "Rantatie",
  "Koulukatu",
  "Kirkkokatu",
  "Myllykatu",
  "Satamakatu",
  "Koivutie",
  "Männikkötie",
  "Asemakatu",
] as const;
const PRODUCTS = [
  ["Mainoskampanja, perus", 49000],
  ["Verkkosivujen ylläpito / kk", 12000],
  ["Hakukoneoptimointi", 89000],
  ["Painotuote: esite A4", 35000],
  ["Valokuvaus, puoli päivää", 42000],
  ["Somemainonta / kk", 25000],
  ["Logosuunnittelu", 120000],
  ["Uutiskirjepaketti", 18000],
] as const;
const ORG_NAMES = [
  "Turun Puutarha Oy",
  "Aurajoen Kahvila Oy",
  "Saaristomeren Veneily Ry",
  "Kupittaan Kirjapaino Oy",
  "Naantalin Matkailu Oy",
  "Raision Rakennus Oy",
  "Liedon Leipomo Ky",
  "Kaarinan Kunto Oy",
] as const;

export const DEMO_ORGANISATIONS: (typeof organisations.$inferInsert)[] = ORG_NAMES.map((name, i) => ({
  id: `org${String(i + 1).padStart(3, "0")}`,
  name,
  businessId: `${String(2_000_000 + i * 7919).padStart(7, "0")}-${(i * 3) % 10}`,
}));

const DAY = 86_400_000;
/** A fixed "now" for generated data, so the data set is the same whenever it is seeded. */
export const SYNTHETIC_EPOCH = Date.UTC(2026, 9, 1);
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function source(customerId: string, category: DataCategoryId, src: SourceId, at: number, detail: string | null = null) {
  return { customerId, category, source: src, notedAt: at, detail };
}

/** One ordinary customer, number `n`, with orders, invoices and sources. */
export function syntheticCustomer(random: Random, n: number, opts: { orders?: number } = {}): CustomerBundle {
  const id = `c${String(n).padStart(7, "0")}`;
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const [city, zipPrefix] = random.pick(CITIES);
  const startMs = SYNTHETIC_EPOCH - random.int(30, 4000) * DAY;
  const ended = random.next() < 0.1;
  const endMs = ended ? startMs + random.int(30, 1000) * DAY : null;
  const email = `${firstName}.${lastName}.${n}@example.com`
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
  const customer: CustomerBundle["customer"] = {
    id,
    firstName,
    lastName,
    email,
    phone: random.next() < 0.8 ? `+35840${String(random.int(1_000_000, 9_999_999))}` : null,
    street: `${random.pick(STREETS)} ${random.int(1, 80)}`,
    postalCode: `${zipPrefix}${String(random.int(100, 999))}`,
    city,
    country: "FI",
    www: random.next() < 0.2 ? `https://www.${lastName.toLowerCase().replace(/[äö]/g, "a")}${n}.example` : null,
    relationshipStart: isoDate(startMs),
    relationshipEnd: endMs === null ? null : isoDate(Math.min(endMs, SYNTHETIC_EPOCH - DAY)),
    createdAt: startMs,
  };
  const bundle: CustomerBundle = {
    customer,
    roles: [],
    ips: [],
    orders: [],
    lines: [],
    invoices: [],
    billing: null,
    sources: [],
  };
  bundle.sources.push(
    source(id, "name", "registration", startMs),
    source(id, "email", "registration", startMs),
    source(id, "postalAddress", "registration", startMs),
  );
  if (customer.phone) bundle.sources.push(source(id, "phone", "customerNotice", startMs + DAY));
  if (customer.www) bundle.sources.push(source(id, "www", "customerNotice", startMs + DAY));
  if (random.next() < 0.15)
    bundle.sources.push(source(id, "postalAddress", "updateService", startMs + 200 * DAY, "Posti"));

  const ipCount = random.int(0, 3);
  for (let i = 0; i < ipCount; i++) {
    bundle.ips.push({
      customerId: id,
      ip: `198.51.100.${random.int(1, 254)}`,
      seenAt: startMs + random.int(1, 300) * DAY,
    });
  }
  if (ipCount > 0) bundle.sources.push(source(id, "ipAddress", "partnerDigital", startMs));

  const orderCount = opts.orders ?? random.int(0, 6);
  const lastOrderMs = endMs ?? SYNTHETIC_EPOCH;
  for (let i = 0; i < orderCount; i++) {
    const orderId = `${id}o${i}`;
    const orderedAt = startMs + Math.floor(((lastOrderMs - startMs) * (i + 1)) / (orderCount + 1));
    const lineCount = random.int(1, 3);
    let total = 0;
    for (let l = 1; l <= lineCount; l++) {
      const [product, price] = random.pick(PRODUCTS);
      const quantity = random.int(1, 3);
      total += price * quantity;
      bundle.lines.push({ orderId, lineNo: l, product, quantity, unitPriceCents: price });
    }
    bundle.orders.push({
      id: orderId,
      customerId: id,
      orderNumber: `T${String(n).padStart(7, "0")}-${i + 1}`,
      orderedAt,
      status: i === orderCount - 1 && !ended ? "received" : "delivered",
      totalCents: total,
      currency: "EUR",
    });
    // Older orders are paid; the newest of an active customer may still be open.
    const open = i === orderCount - 1 && !ended && random.next() < 0.3;
    bundle.invoices.push({
      id: `${orderId}i`,
      customerId: id,
      orderId,
      invoiceNumber: `L${String(n).padStart(7, "0")}-${i + 1}`,
      issuedAt: isoDate(orderedAt + DAY),
      dueAt: isoDate(orderedAt + 15 * DAY),
      amountCents: total,
      currency: "EUR",
      status: open ? "open" : "paid",
      inCollection: false,
      paidAt: open ? null : isoDate(orderedAt + random.int(3, 14) * DAY),
    });
  }
  if (orderCount > 0) {
    bundle.sources.push(
      source(id, "orders", "customerNotice", startMs),
      source(id, "billing", "customerNotice", startMs),
    );
    bundle.billing = {
      customerId: id,
      billingName: `${firstName} ${lastName}`,
      street: customer.street ?? "",
      postalCode: customer.postalCode ?? "",
      city,
      country: "FI",
      eInvoiceAddress: null,
      paymentTermDays: 14,
    };
  }
  if (random.next() < 0.1) {
    const org = random.pick(DEMO_ORGANISATIONS);
    bundle.roles.push({
      id: `${id}r0`,
      customerId: id,
      organisationId: org.id,
      role: "representative",
      startDate: customer.relationshipStart,
      endDate: customer.relationshipEnd,
    });
    bundle.sources.push(source(id, "organisation", "registration", startMs));
  }
  return bundle;
}
