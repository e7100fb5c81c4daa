import { createMiddleware } from "hono/factory";
import { apiError } from "../../http/api-error.ts";

/** The methods whose requests carry a body the API reads. */
export const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

type JsonGuardOptions = {
  /** Deepest nesting a body may have; the API's inputs are at most a few levels deep. */
  maxDepth?: number;
};

/** Walks a parsed body; false when it nests too deep or carries a prototype-polluting key. */
function isSafe(value: unknown, maxDepth: number, depth = 0): boolean {
  if (depth > maxDepth) return false;
  if (Array.isArray(value)) return value.every((v) => isSafe(v, maxDepth, depth + 1));
  if (typeof value !== "object" || value === null) return true;
  for (const [key, v] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key) || !isSafe(v, maxDepth, depth + 1)) return false;
  }
  return true;
}

/**
 * Accepts request bodies only as JSON, and only JSON of a sane shape. A cross-site form post (a "simple"
 * request with a form or text content type) is refused before any route sees it, as is a body with
 * `__proto__`/`constructor` keys or absurd nesting. Bodiless requests pass.
 *
 * @example
 * app.use("/api/*", jsonGuard());
 */
export const jsonGuard = ({ maxDepth = 8 }: JsonGuardOptions = {}) =>
  createMiddleware(async function jsonGuard(c, next) {
    if (!BODY_METHODS.has(c.req.method)) return next();
    const raw = await c.req.text();
    if (raw.length === 0) return next();
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/json(;|$)/i.test(type)) {
      return apiError(c, 415, "unsupported_media_type", "Send JSON");
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return apiError(c, 400, "invalid_input", "Malformed JSON");
    }
    if (!isSafe(parsed, maxDepth)) {
      return apiError(c, 400, "invalid_input", "Body shape not allowed");
    }
    return next();
  });
