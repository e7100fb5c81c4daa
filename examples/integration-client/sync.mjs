#!/usr/bin/env node
// An example client of tietoni's integration API (issue 12): what a connected system (here a small CRM with a
// billing module) sends to keep the register up to date. Plain Node (>= 20), no dependencies.
//
//   TIETONI_API_URL=http://127.0.0.1:3001/api/integration/v1 TIETONI_API_TOKEN=tti_… node sync.mjs
//
// It syncs two customers, an order, an invoice and then the invoice's payment, and one objection to marketing,
// then reads one customer back. Every POST carries an Idempotency-Key derived from its content: running the script
// again changes nothing (the API replays its first answers), and a call retried after a lost answer or a 429 is
// never applied twice.

import { createHash } from "node:crypto";

const baseUrl = (process.env.TIETONI_API_URL ?? "http://127.0.0.1:3001/api/integration/v1").replace(/\/$/, "");
const token = process.env.TIETONI_API_TOKEN;
// Lets several runs against one register use customers of their own (the BFF test does).
const prefix = process.env.EXAMPLE_PREFIX ?? "crm";

if (!token) {
  console.error("Set TIETONI_API_TOKEN to the API client's token (shown once when the client was created).");
  process.exit(2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const keyOf = (step, body) => `${step}-${createHash("sha256").update(JSON.stringify(body)).digest("hex").slice(0, 32)}`;

/** One call with retries: 429 waits `Retry-After`, 503 and network errors back off; the key makes retries safe. */
async function call(method, path, body, step) {
  const headers = { authorization: `Bearer ${token}`, accept: "application/json" };
  if (body !== undefined) {
    headers["content-type"] = "application/json";
    headers["idempotency-key"] = keyOf(step, body);
  }
  for (let attempt = 1; ; attempt++) {
    let res;
    try {
      res = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (attempt >= 5) throw error;
      await sleep(250 * 2 ** attempt);
      continue;
    }
    if ((res.status === 429 || res.status === 503) && attempt < 5) {
      await sleep(Number(res.headers.get("retry-after") ?? "1") * 1000);
      continue;
    }
    const answer = await res.json();
    if (!res.ok) {
      const fields = answer.error?.fields?.map((f) => `${f.path}: ${f.code}`).join(", ");
      throw new Error(`${method} ${path} → ${res.status} ${answer.error?.code}${fields ? ` (${fields})` : ""}`);
    }
    const replayed = res.headers.get("idempotent-replayed") === "true";
    return { answer, replayed };
  }
}

function report(step, { answer, replayed }) {
  const counts = Object.entries(answer.counts ?? {})
    .filter(([, n]) => n > 0)
    .map(([outcome, n]) => `${outcome} ${n}`)
    .join(", ");
  console.info(`${step}: ${counts || "done"}${replayed ? " (replayed)" : ""}`);
  for (const r of answer.results ?? []) {
    if (r.outcome === "refused" || r.outcome === "conflict" || r.outcome === "duplicate" || r.outcome === "erased") {
      console.info(
        `  record ${r.index} (${r.externalId}): ${r.outcome}${r.code ? ` ${r.code}` : ""} ${r.conflicts.join(" ")}`,
      );
    }
  }
}

const customers = [
  {
    external_id: `${prefix}-1001`,
    first_name: "Aada",
    last_name: "Esimerkki",
    email: `aada.esimerkki.${prefix}@example.com`,
    phone: "+358 40 111 2233",
    street: "Esimerkkikatu 1",
    postal_code: "00100",
    city: "Helsinki",
    country: "FI",
    language: "fi",
    relationship_start: "2024-03-01",
    updated_at: "2026-01-10T09:00:00Z",
  },
  {
    external_id: `${prefix}-1002`,
    first_name: "Bertil",
    last_name: "Exempel",
    email: `bertil.exempel.${prefix}@example.com`,
    language: "en",
    relationship_start: "2025-06-15",
    updated_at: "2026-01-10T09:00:00Z",
  },
];

const order = {
  external_id: `${prefix}-order-5001`,
  order_number: `${prefix.toUpperCase()}-5001`,
  ordered_at: "2026-01-12T14:30:00Z",
  status: "delivered",
  total_cents: 4990,
  currency: "EUR",
  lines: [{ line_no: 1, product: "Vuosijäsenyys", quantity: 1, unit_price_cents: 4990 }],
};

const invoice = {
  external_id: `${prefix}-invoice-7001`,
  invoice_number: `${prefix.toUpperCase()}-7001`,
  order_external_id: order.external_id,
  issued_on: "2026-01-12",
  due_on: "2026-01-26",
  amount_cents: 4990,
  currency: "EUR",
  status: "open",
  status_changed_at: "2026-01-12T14:30:00Z",
};

const customer = customers[0].external_id;

report("customers", await call("POST", "/customers", { records: customers }, "customers"));
report(
  "orders",
  await call("POST", "/orders", { records: [{ customer_external_id: customer, orders: [order] }] }, "orders"),
);
report(
  "invoice issued",
  await call("POST", "/invoices", { records: [{ customer_external_id: customer, invoices: [invoice] }] }, "invoice"),
);
const paid = { ...invoice, status: "paid", paid_on: "2026-01-20", status_changed_at: "2026-01-20T08:00:00Z" };
report(
  "invoice paid",
  await call("POST", "/invoices", { records: [{ customer_external_id: customer, invoices: [paid] }] }, "invoice"),
);
report(
  "objection",
  await call(
    "POST",
    "/objections",
    { records: [{ customer_external_id: customer, objections: [{ purpose: "directMarketing", date: "2026-01-21" }] }] },
    "objection",
  ),
);

const { answer: view } = await call("GET", `/customers/${encodeURIComponent(customer)}`);
console.info(
  `register holds ${customer}: invoices ${view.invoices.map((i) => `${i.invoice_number} ${i.status}`).join(", ")}; objections ${view.objections.join(", ")}`,
);
