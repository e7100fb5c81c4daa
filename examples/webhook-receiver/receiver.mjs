#!/usr/bin/env node
// A tiny receiver of tietoni's webhooks (issue 13): what a connected system runs to hear of objections, contact
// changes, corrections, restrictions and erasures. Plain Node (>= 20), no dependencies.
//
//   WEBHOOK_SECRET=whsec_… node examples/webhook-receiver/receiver.mjs      (listens on 127.0.0.1:4000, PORT to change)
//
// Register http://127.0.0.1:4000/ as a webhook endpoint in the staff app (Webhooks, admin) and paste the secret it
// shows once. Each delivery is verified as the Standard Webhooks specification says — the same check the
// `standardwebhooks` npm package makes (`new Webhook(secret).verify(body, headers)`) — then printed. A redelivery
// carries the same webhook-id: a receiver acts on each id once (here: a set in memory; a real one keeps it durable).

import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";

const secret = process.env.WEBHOOK_SECRET;
const port = Number(process.env.PORT ?? 4000);
if (!secret?.startsWith("whsec_")) {
  console.error("Set WEBHOOK_SECRET to the endpoint's signing secret (whsec_…, shown once in the staff app).");
  process.exit(2);
}
const key = Buffer.from(secret.slice("whsec_".length), "base64");
const TOLERANCE_SECONDS = 5 * 60;
const seen = new Set();

/** True when one of the `v1,` signatures is the HMAC-SHA256 of `id.timestamp.body` and the time is recent. */
function verify(id, timestamp, signatures, body) {
  if (!id || !/^\d+$/.test(timestamp ?? "") || !signatures) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(" ").some((candidate) => {
    const [version, signature] = candidate.split(",");
    if (version !== "v1" || !signature) return false;
    const given = Buffer.from(signature, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const server = http.createServer((req, res) => {
  if (req.method !== "POST") return res.writeHead(405).end();
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const id = req.headers["webhook-id"];
    if (!verify(id, req.headers["webhook-timestamp"], req.headers["webhook-signature"], body)) {
      console.info(`refused a delivery that did not verify (webhook-id ${id ?? "missing"})`);
      return res.writeHead(401).end();
    }
    // Answer 2xx for a duplicate too, or tietoni would try it again.
    if (seen.has(id)) {
      console.info(`${id} again (a redelivery): already handled`);
      return res.writeHead(204).end();
    }
    seen.add(id);
    const event = JSON.parse(body);
    console.info(`${id} ${event.type} customer ${event.data.customer.id}`, JSON.stringify(event.data));
    res.writeHead(204).end();
  });
});

server.listen(port, "127.0.0.1", () => {
  console.info(`listening on http://127.0.0.1:${server.address().port}/ — register it as a webhook endpoint`);
});
