import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { SessionStore, ValidSession } from "../../auth/session-store.ts";
import type { Queries } from "../../db/port.ts";
import { apiError } from "../../http/api-error.ts";

export type SessionAuthEnv<Subject> = { Variables: { session: ValidSession; subject: Subject } };

type SessionAuthOptions<Subject> = {
  store: SessionStore;
  cookieName: string;
  /**
   * Loads who the session belongs to, on the session's own read snapshot; null ends the session (e.g. a disabled
   * account).
   */
  load: (r: Queries, subjectId: string) => Promise<Subject | null>;
  now?: () => number;
};

/**
 * Requires a valid session cookie of this surface and puts the session and its subject in context.
 * Each surface reads only its own cookie and table, so a customer cookie never opens a staff route.
 *
 * @example
 * const requireCustomer = sessionAuth({ store, cookieName: "tietoni_portal", load: findCustomer });
 */
export const sessionAuth = <Subject>({ store, cookieName, load, now = Date.now }: SessionAuthOptions<Subject>) =>
  createMiddleware<SessionAuthEnv<Subject>>(async function sessionAuth(c, next) {
    const token = getCookie(c, cookieName);
    const found = token ? await store.authenticate(token, now(), load) : null;
    if (!found) return apiError(c, 401, "unauthenticated", "Sign-in required");
    c.set("session", found.session);
    c.set("subject", found.subject);
    await next();
  });
