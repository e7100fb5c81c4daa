import { portalStorage } from "@tietoni/domain";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../env.ts";
import { sessionCookieName } from "./session-cookie.ts";

/** The About page's statement of what the portal stores (issue 11 item 4) must say what the code does. */
describe("the portal's statement of its own cookie", () => {
  const production = parseEnv({
    NODE_ENV: "production",
    PORTAL_ORIGIN: "https://omat.example.fi",
    STAFF_ORIGIN: "https://staff.example.fi",
    SMTP_URL: "smtp://mail.example.fi",
    MAIL_FROM: "Esimerkki Oy <tietosuoja@example.fi>",
    NOTICE_FILE: "notices/mastermark.json",
    SUPPRESSION_KEY: "x".repeat(40),
    AUDIT_HMAC_KEY: "h".repeat(40),
    AUDIT_SIGNING_KEY: "MC4CAQAwBQYDK2VwBCIEIFK4l3pD7b1GQ3fQ9m1y0oJp8c6W1mXv2aJ0kq5s3rQe",
  });

  it("names the session cookie as it is set, with and without HTTPS", () => {
    expect(sessionCookieName(production, "portal")).toBe(portalStorage.sessionCookie.name);
    expect(sessionCookieName(parseEnv({}), "portal")).toBe(portalStorage.sessionCookie.plainHttpName);
  });

  it("gives the default lifetimes", () => {
    expect(production.sessionPolicy.absoluteLifetimeMs).toBe(portalStorage.sessionCookie.maxHours * 3_600_000);
    expect(production.sessionPolicy.idleTimeoutMs).toBe(portalStorage.sessionCookie.idleMinutes * 60_000);
  });
});
