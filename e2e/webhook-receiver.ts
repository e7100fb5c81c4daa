import http from "node:http";
import type { AddressInfo } from "node:net";

/** One POST the receiver took: the Standard Webhooks headers and the raw body, as a receiver verifies them. */
export type ReceivedWebhook = { id: string; timestamp: string; signature: string; body: string };

/**
 * A webhook receiver started by a test on loopback (the e2e BFF's WEBHOOK_ALLOW default lets it in). It can go
 * down and come back on the same port, as a company's newsletter tool would during a deploy.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  let server: http.Server | null = null;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          received.push({
            id: String(req.headers["webhook-id"] ?? ""),
            timestamp: String(req.headers["webhook-timestamp"] ?? ""),
            signature: String(req.headers["webhook-signature"] ?? ""),
            body: Buffer.concat(chunks).toString("utf8"),
          });
          res.writeHead(204).end();
        });
      });
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        port = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });

  await listen();
  return {
    received,
    get url() {
      return `http://127.0.0.1:${port}/hooks`;
    },
    /** Stops answering: connections to the port are refused. */
    async down() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()).closeAllConnections());
    },
    /** Answers again on the same port. */
    up: listen,
    close() {
      return this.down();
    },
  };
}
