import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import type { Env } from "../env.ts";

/**
 * Cookie names differ per surface because cookies do not isolate by port.
 * In production the `__Host-` prefix pins them to the exact host, HTTPS and path "/".
 */
export function sessionCookieName(env: Env, surface: "portal" | "staff"): string {
  return env.secureCookies ? `__Host-tietoni-${surface}` : `tietoni-${surface}`;
}

export function setSessionCookie(c: Context, env: Env, surface: "portal" | "staff", token: string): void {
  setCookie(c, sessionCookieName(env, surface), token, {
    path: "/",
    httpOnly: true,
    secure: env.secureCookies,
    sameSite: "Strict",
    maxAge: Math.floor(env.sessionPolicy.absoluteLifetimeMs / 1000),
  });
}

export function clearSessionCookie(c: Context, env: Env, surface: "portal" | "staff"): void {
  deleteCookie(c, sessionCookieName(env, surface), { path: "/", secure: env.secureCookies });
}
