import type { AddressInfo } from "node:net";
import net from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CUSTOMER_EMAIL } from "../../db/seed-demo.ts";
import { exportLimits, runningExports } from "../../services/export/export-stream.ts";
import { createTestContext, type TestContext } from "../../test/test-context.ts";

/*
 * The download slots over real sockets: clients that read the answer's head and then stop reading, as a slow or
 * hostile reader does. Their exports are large enough that the socket buffers fill and the export waits for them.
 */

const IDLE_SECONDS = 2;
// Big enough that a paused reader's socket buffers cannot take the whole file.
const ORDERS = 30_000;

let t: TestContext;
let server: ServerType;
let port: number;
const cookies: Record<string, string> = {};
const open: net.Socket[] = [];

beforeAll(async () => {
  // One proxy of ours in front: each test client names its address in X-Forwarded-For.
  t = await createTestContext({ TRUST_PROXY: "1", EXPORT_IDLE_SECONDS: String(IDLE_SECONDS) });
  for (const id of ["c0000001", "c0000002", "c0000003"]) {
    await t.db.exec(sql`
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${ORDERS - 1})
      INSERT INTO orders (id, customer_id, order_number, ordered_at, status, total_cents, currency)
      SELECT ${id} || '-o' || i, ${id}, ${id} || '-B-' || i, CAST(${Date.UTC(2020, 0, 1)} AS BIGINT) + i * 60000, 'delivered', 1990, 'EUR'
      FROM n`);
    await t.db.exec(sql`
      INSERT INTO order_lines (order_id, line_no, product, quantity, unit_price_cents)
      SELECT id, 1, 'Tuote, jonka nimi on pitkä ' || id, 1, 1990 FROM orders WHERE customer_id = ${id} AND id LIKE '%-o%'`);
  }
  for (const [name, email] of [
    ["aino", DEMO_CUSTOMER_EMAIL],
    ["matti", "yhteyshenkilo@example.com"],
    ["sari", "perinta@example.com"],
    ["pekka", "paattynyt@example.com"],
  ] as const)
    cookies[name] = await t.signInCustomer(email);
  server = serve({ fetch: t.portal.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  port = (server.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  for (const socket of open) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

type Started = { status: number; code: string | null; socket: net.Socket };

/**
 * A download over a socket of its own: reads the answer's head (and a refusal's body), then stops reading the
 * socket for good, leaving it open.
 */
function startDownload(who: string, address: string, format = "json"): Promise<Started> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    open.push(socket);
    let received = "";
    socket.setEncoding("latin1");
    socket.on("error", reject);
    const onData = (chunk: string) => {
      received += chunk;
      const end = received.indexOf("\r\n\r\n");
      if (end < 0) return;
      const status = Number(received.slice(9, 12));
      if (status === 200) {
        socket.off("data", onData);
        socket.pause();
        resolve({ status, code: null, socket });
        return;
      }
      const code = /"code":"([a-z_]+)"/.exec(received.slice(end))?.[1];
      if (code) {
        socket.off("data", onData);
        resolve({ status, code, socket });
      }
    };
    socket.on("data", onData);
    socket.write(
      `GET /api/portal/export/${format} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookies[who]}\r\n` +
        `X-Forwarded-For: ${address}\r\n\r\n`,
    );
  });
}

/** A download read to its end, as a normal browser does. */
async function fullDownload(who: string, address: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/portal/export/json`, {
    headers: { cookie: cookies[who] ?? "", "x-forwarded-for": address },
  });
  return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("download slots against slow readers", () => {
  it("lets three slow readers hold one slot each, so a fourth customer still gets one", {
    timeout: 30_000,
  }, async () => {
    // Three customers on three addresses each try to hold three downloads, then stop reading.
    const tries: Started[] = [];
    for (const [who, address] of [
      ["aino", "198.51.100.1"],
      ["matti", "198.51.100.2"],
      ["sari", "198.51.100.3"],
    ] as const)
      for (const format of ["json", "csv", "html"]) tries.push(await startDownload(who, address, format));
    expect(tries.map((s) => s.status)).toEqual([200, 429, 429, 200, 429, 429, 200, 429, 429]);
    expect(tries.filter((s) => s.status === 429).every((s) => s.code === "export_in_progress")).toBe(true);
    await pause(300);
    // They are still stuck: the exports wait for readers that do not read.
    expect(runningExports()).toBe(3);

    // A fourth customer gets a slot and the whole file.
    const pekka = await fullDownload("pekka", "203.0.113.9");
    expect(pekka.status).toBe(200);
    expect(pekka.bytes).toBeGreaterThan(1000);
  });

  it("holds at most two downloads per client address", { timeout: 30_000 }, async () => {
    // Slots of the first test are still held by their stalled readers; wait until the idle timeout frees them.
    await pause(IDLE_SECONDS * 1000 + 1500);
    expect(runningExports()).toBe(0);
    const a = await startDownload("aino", "198.51.100.7");
    const b = await startDownload("matti", "198.51.100.7");
    const c = await startDownload("sari", "198.51.100.7");
    expect([a.status, b.status, c.status]).toEqual([200, 200, 429]);
    expect(c.code).toBe("export_address_busy");
    // An IPv6 client is one client across its /64.
    const v6a = await startDownload("sari", "2001:db8:5:6::1");
    const v6b = await startDownload("pekka", "2001:db8:5:6::2");
    expect(v6a.status).toBe(200);
    expect(v6b.status).toBe(200);
    const v6c = await startDownload("aino", "2001:db8:5:6::3");
    // Aino's own download still runs: refused as hers first.
    expect(v6c.code).toBe("export_in_progress");
    expect(exportLimits).toEqual({ total: 8, perCustomer: 1, perAddress: 2 });
  });

  it("cuts a reader that takes no bytes for the idle timeout and frees its slot", { timeout: 30_000 }, async () => {
    await pause(IDLE_SECONDS * 1000 + 1500);
    const stalled = await startDownload("aino", "198.51.100.20");
    expect(stalled.status).toBe(200);
    await pause(300);
    expect(runningExports()).toBe(1);
    // The client never reads again and never closes; the server lets go of its export all the same.
    await pause(IDLE_SECONDS * 1000 + 1000);
    expect(runningExports()).toBe(0);
    expect(stalled.socket.destroyed).toBe(false);
    expect((await fullDownload("aino", "198.51.100.20")).status).toBe(200);
  });
});
