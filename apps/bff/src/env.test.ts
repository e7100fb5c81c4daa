import { describe, expect, it } from "vitest";
import { acceptedOrigins, DEMO_SUPPRESSION_KEY, parseEnv } from "./env.ts";

describe("configuration", () => {
  it("runs the demo with safe defaults on a developer machine", () => {
    const env = parseEnv({});
    expect(env.demo).toBe(true);
    expect(env.STAFF_HOST).toBe("127.0.0.1");
    expect(env.PORTAL_PORT).toBe(3000);
    expect(env.STAFF_PORT).toBe(3001);
  });

  it("refuses to start in production without the settings it needs, naming each", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/PORTAL_ORIGIN.*\n.*STAFF_ORIGIN.*\n.*SMTP_URL/s);
    expect(() =>
      parseEnv({
        NODE_ENV: "production",
        DEMO: "true",
        PORTAL_ORIGIN: "http://omat.example.fi",
        STAFF_ORIGIN: "https://staff.example.fi",
        SMTP_URL: "smtp://mail.example.fi",
      }),
    ).toThrow(/DEMO cannot be on in production[\s\S]*PORTAL_ORIGIN must be an https/);
  });

  it("accepts a complete production configuration without demo data and with secure cookies", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      PORTAL_ORIGIN: "https://omat.example.fi",
      STAFF_ORIGIN: "https://staff.example.fi",
      SMTP_URL: "smtp://mail.example.fi:587",
      MAIL_FROM: "Esimerkki Oy <tietosuoja@example.fi>",
      NOTICE_FILE: "notices/mastermark.json",
      SUPPRESSION_KEY: "a-production-key-of-at-least-32-characters",
      AUDIT_HMAC_KEY: "a-production-audit-key-of-at-least-32-characters",
      AUDIT_SIGNING_KEY: "MC4CAQAwBQYDK2VwBCIEIFK4l3pD7b1GQ3fQ9m1y0oJp8c6W1mXv2aJ0kq5s3rQe",
    });
    expect(env.demo).toBe(false);
    expect(env.secureCookies).toBe(true);
  });

  it("requires the controller's own notice file and sender in production (issue 15)", () => {
    expect(() =>
      parseEnv({
        NODE_ENV: "production",
        PORTAL_ORIGIN: "https://omat.example.fi",
        STAFF_ORIGIN: "https://staff.example.fi",
        SMTP_URL: "smtp://mail.example.fi:587",
      }),
    ).toThrow(
      /MAIL_FROM: MAIL_FROM is required in production[\s\S]*NOTICE_FILE: NOTICE_FILE is required in production/,
    );
  });

  it("uses the marked demo suppression key outside production and requires a real one in production", () => {
    expect(parseEnv({}).suppressionKey).toBe(DEMO_SUPPRESSION_KEY);
    expect(DEMO_SUPPRESSION_KEY).toMatch(/demo/);
    const production = {
      NODE_ENV: "production",
      PORTAL_ORIGIN: "https://omat.example.fi",
      STAFF_ORIGIN: "https://staff.example.fi",
      SMTP_URL: "smtp://mail.example.fi:587",
      MAIL_FROM: "Esimerkki Oy <tietosuoja@example.fi>",
      NOTICE_FILE: "notices/mastermark.json",
      AUDIT_HMAC_KEY: "a-production-audit-key-of-at-least-32-characters",
      AUDIT_SIGNING_KEY: "MC4CAQAwBQYDK2VwBCIEIFK4l3pD7b1GQ3fQ9m1y0oJp8c6W1mXv2aJ0kq5s3rQe",
    };
    expect(() => parseEnv(production)).toThrow(/SUPPRESSION_KEY: SUPPRESSION_KEY is required in production/);
    expect(() => parseEnv({ ...production, SUPPRESSION_KEY: DEMO_SUPPRESSION_KEY })).toThrow(
      /must not be the demo key/,
    );
    expect(() => parseEnv({ ...production, SUPPRESSION_KEY: "too-short" })).toThrow(/at least 32 characters/);
    const key = "k".repeat(32);
    expect(parseEnv({ ...production, SUPPRESSION_KEY: key }).suppressionKey).toBe(key);
  });

  it("serves both surfaces from one process unless SURFACES names one (issue 16: one BFF per frontend)", () => {
    expect(parseEnv({}).surfaces).toEqual({ portal: true, staff: true });
    expect(parseEnv({ SURFACES: "portal" }).surfaces).toEqual({ portal: true, staff: false });
    expect(parseEnv({ SURFACES: "staff" }).surfaces).toEqual({ portal: false, staff: true });
    expect(parseEnv({ SURFACES: "staff, portal" }).surfaces).toEqual({ portal: true, staff: true });
    for (const wrong of ["", "customer", "portal,", "portal;staff"])
      expect(() => parseEnv({ SURFACES: wrong })).toThrow(/SURFACES must be portal, staff or portal,staff/);
  });

  it("names a malformed port", () => {
    expect(() => parseEnv({ PORTAL_PORT: "eighty" })).toThrow(/PORTAL_PORT/);
  });

  it("accepts the demo's loopback twin origin (127.0.0.1 beside localhost) outside production only", () => {
    const demo = parseEnv({});
    expect(demo.portalOrigins).toEqual(["http://localhost:3000", "http://127.0.0.1:3000"]);
    expect(demo.staffOrigins).toEqual(["http://localhost:3001", "http://127.0.0.1:3001"]);
    expect(parseEnv({ PORTAL_ORIGIN: "http://127.0.0.1:4000" }).portalOrigins).toEqual([
      "http://127.0.0.1:4000",
      "http://localhost:4000",
    ]);
    // Not the demo, or not a loopback name: the exact origin only.
    expect(parseEnv({ DEMO: "false" }).portalOrigins).toEqual(["http://localhost:3000"]);
    expect(parseEnv({ PORTAL_ORIGIN: "http://omat.example.fi" }).portalOrigins).toEqual(["http://omat.example.fi"]);
    expect(acceptedOrigins("https://localhost:8443", false)).toEqual(["https://localhost:8443"]);
    const production = parseEnv({
      NODE_ENV: "production",
      PORTAL_ORIGIN: "https://localhost:8443",
      STAFF_ORIGIN: "https://localhost:8444",
      SMTP_URL: "smtp://mail.example.fi",
      MAIL_FROM: "Tietosuoja <tietosuoja@example.fi>",
      NOTICE_FILE: "notices/mastermark.json",
      SUPPRESSION_KEY: "x".repeat(40),
      AUDIT_HMAC_KEY: "y".repeat(40),
      AUDIT_SIGNING_KEY: "MC4CAQAwBQYDK2VwBCIEIBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
    });
    expect(production.portalOrigins).toEqual(["https://localhost:8443"]);
    expect(production.staffOrigins).toEqual(["https://localhost:8444"]);
  });
});
