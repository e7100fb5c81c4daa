import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { answer, ready } from "../lib/child-side.ts";

/*
 * P9's webhook receiver, in a process of its own so neither side of the comparison shares its core with it: reads
 * each body, verifies one request in a hundred with the Standard Webhooks library (proof the bench's deliveries are
 * real signed ones, at a cost that does not dominate), answers 204. Counts what it got and how many distinct ids.
 */
const secret = process.argv[2];
if (!secret) throw new Error("usage: receiver.ts WHSEC_SECRET");
const webhook = new Webhook(secret);
let received = 0;
let failedVerification = 0;
const ids = new Set<string>();

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    received += 1;
    const id = String(req.headers["webhook-id"] ?? "");
    ids.add(id);
    if (received % 100 === 1) {
      try {
        webhook.verify(Buffer.concat(chunks).toString("utf8"), req.headers as Record<string, string>);
      } catch {
        failedVerification += 1;
      }
    }
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 5_000;
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

answer({
  counts: () => ({ received, distinct: ids.size, failedVerification }),
  clear: () => {
    received = 0;
    failedVerification = 0;
    ids.clear();
    return null;
  },
});
ready({ port: (server.address() as AddressInfo).port });
