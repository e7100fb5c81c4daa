import { promises as dns } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import type { Db } from "../../db/port.ts";
import { webhookEndpoints } from "../../db/schema.ts";
import type { Env } from "../../env.ts";
import type { Delivery, DeliveryOutcome, OutboxHandler } from "./outbox.ts";
import { addressesAllowed, parseWebhookAllow, urlHost } from "./webhook-address.ts";

/*
 * Issue 13 — a webhook delivery as the Standard Webhooks specification describes it, so a receiver verifies it with
 * any of the specification's libraries: `webhook-id` (the outbox row's id, the same on every try, so a receiver
 * dedupes a redelivery), `webhook-timestamp` (this try's time) and `webhook-signature` (`v1,` + base64 HMAC-SHA256
 * of `id.timestamp.body` under the endpoint's `whsec_` secret), signed by the maintained `standardwebhooks` library.
 *
 * The request goes to the address that was checked (see webhook-address.ts), never to a second lookup's answer, so a
 * host cannot pass the check with a public address and then answer the connection's own lookup with a private one
 * (DNS rebinding). Redirects are not followed: a 3xx could point anywhere. Reasons kept on the row are status codes
 * and error codes only, never what the receiver said.
 */

/** Resolves a host to all its addresses (tests pass their own to stand in for DNS). */
export type ResolveHost = (host: string) => Promise<string[]>;

const resolveWithDns: ResolveHost = async (host) =>
  (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

export type WebhookHandlerOptions = {
  resolve?: ResolveHost;
  /** The wall clock of `webhook-timestamp`: receivers compare it with theirs (5 minutes' tolerance). */
  clock?: () => number;
};

const permanent = (reason: string): DeliveryOutcome => ({ ok: false, permanent: true, reason });
const temporary = (reason: string): DeliveryOutcome => ({ ok: false, permanent: false, reason });

/** What an HTTP status means for the row: 2xx delivered; 408, 429 and 5xx try again; anything else will not change. */
export function outcomeOfStatus(status: number): DeliveryOutcome {
  if (status >= 200 && status < 300) return { ok: true };
  if (status >= 300 && status < 400) return permanent(`redirect_not_followed (${status})`);
  if (status === 408 || status === 429 || status >= 500) return temporary(`http_${status}`);
  return permanent(`http_${status}`);
}

/** The Standard Webhooks headers and body of one try. */
export function signedRequest(
  delivery: Pick<Delivery, "id" | "body">,
  secret: string,
  at: Date,
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(delivery.body);
  return {
    body,
    headers: {
      "content-type": "application/json",
      "user-agent": "tietoni",
      "webhook-id": delivery.id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(delivery.id, at, body),
    },
  };
}

/**
 * POSTs `body` to `url`, connecting to `address` (already checked) while the Host header and TLS's server name stay
 * the URL's host. Resolves with the status or a failure; never throws.
 */
export function postTo(
  url: URL,
  address: string,
  request: { body: string; headers: Record<string, string> },
  timeoutMs: number,
): Promise<DeliveryOutcome> {
  const family = isIP(address) === 6 ? 6 : 4;
  // Node may ask for one address or, when it races IPv4 and IPv6 (autoSelectFamily), for all of them.
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: DeliveryOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = client.request(url, {
      method: "POST",
      headers: { ...request.headers, "content-length": String(Buffer.byteLength(request.body)) },
      lookup,
      // A fresh connection per try: a pooled socket would skip this try's address check. TLS's server name (and the
      // certificate check) stays the URL's host: Node takes it from the host, not from what `lookup` answers.
      agent: false,
    });
    // One deadline for the whole exchange (connect, send, answer), not an idle timer a slow drip could extend.
    const timer = setTimeout(() => {
      settle(temporary("timeout"));
      req.destroy();
    }, timeoutMs);
    req.on("response", (res) => {
      // The answer's body is never read into the row; drain it so the socket closes cleanly.
      res.resume();
      settle(outcomeOfStatus(res.statusCode ?? 0));
      res.on("error", () => undefined);
    });
    req.on("error", (error: NodeJS.ErrnoException) => settle(temporary(error.code ?? "network_error")));
    req.end(request.body);
  });
}

export function createWebhookHandler(deps: { db: Db; env: Env }, options: WebhookHandlerOptions = {}): OutboxHandler {
  const { db, env } = deps;
  const allow = parseWebhookAllow(env.webhookAllow);
  const resolve = options.resolve ?? resolveWithDns;
  const clock = options.clock ?? Date.now;
  const timeoutMs = env.WEBHOOK_TIMEOUT_SECONDS * 1000;

  return async (delivery) => {
    if (!delivery.endpointId) return permanent("endpoint_disabled");
    const endpoint = await db
      .select({ url: webhookEndpoints.url, secret: webhookEndpoints.secret, enabled: webhookEndpoints.enabled })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, delivery.endpointId))
      .get();
    if (!endpoint?.enabled) return permanent("endpoint_disabled");

    let url: URL;
    try {
      url = new URL(endpoint.url);
    } catch {
      return permanent("url_invalid");
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return permanent("url_invalid");
    const host = urlHost(url);

    // At every try: an allowed name may have moved, a public one may now answer with a private address.
    let addresses: string[];
    if (isIP(host)) addresses = [host];
    else {
      try {
        addresses = await resolve(host);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A name that does not exist may be a DNS outage or a record not yet published: try again.
        return temporary(`dns_${code ?? "error"}`);
      }
    }
    const address = addresses[0];
    if (address === undefined) return temporary("dns_no_address");
    if (!addressesAllowed(host, addresses, allow)) return permanent("host_not_allowed");

    return postTo(url, address, signedRequest(delivery, endpoint.secret, new Date(clock())), timeoutMs);
  };
}
