import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { apiError } from "../../http/api-error.ts";
import { BODY_METHODS } from "../json-guard/index.ts";

const tooLarge = (c: Context) => apiError(c, 413, "payload_too_large", "Request body too large");

/**
 * Refuses a request body over `maxSize` bytes with 413 before anything reads it. The staff and portal APIs take
 * 64 KiB; the integration API 1 MiB.
 *
 * @example
 * app.use("/api/*", declaredBodyLimit(64 * 1024));
 */
export function declaredBodyLimit(maxSize: number) {
  const limitBody = bodyLimit({ maxSize, onError: tooLarge });
  return createMiddleware(async function declaredBodyLimit(c, next) {
    // No route reads the body of a GET, so it is not measured.
    if (!BODY_METHODS.has(c.req.method)) return next();
    // A declared length without chunking is the body's size (Node's parser reads no more), so the header decides.
    // Asking for `raw.body`, as hono's bodyLimit does first, makes @hono/node-server build a full Request and give up
    // its direct read of the body: that cost a JSON POST more than the rest of the chain (bench/p2-middleware).
    const declared = c.req.header("content-length");
    if (declared !== undefined && c.req.header("transfer-encoding") === undefined) {
      if (Number(declared) > maxSize) return tooLarge(c);
      return next();
    }
    // Chunked (or undeclared) bodies are counted as they arrive.
    return limitBody(c, next);
  });
}
