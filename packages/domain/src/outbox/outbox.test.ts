import { describe, expect, it } from "vitest";
import { endpointMayReceive, webhookEventTypeIds } from "./events.ts";
import { mailTemplates, outboxNextStep, outboxRetryDelayMs, outboxRetryPolicy } from "./outbox.ts";

describe("outbox retry rule", () => {
  it("waits 30 s after the first failure and doubles each time", () => {
    expect(outboxRetryDelayMs(1)).toBe(30_000);
    expect(outboxRetryDelayMs(2)).toBe(60_000);
    expect(outboxRetryDelayMs(5)).toBe(480_000);
  });
  it("never waits more than 6 hours, however many tries failed", () => {
    expect(outboxRetryDelayMs(40)).toBe(outboxRetryPolicy.maxDelayMs);
    expect(outboxRetryDelayMs(40, 0.999)).toBeLessThanOrEqual(outboxRetryPolicy.maxDelayMs * 1.2);
  });
  it("spreads by at most a fifth with jitter", () => {
    expect(outboxRetryDelayMs(1, 0.5)).toBe(33_000);
  });
  it("delivers, retries or gives up", () => {
    expect(outboxNextStep({ ok: true }, 1, 3)).toBe("delivered");
    expect(outboxNextStep({ ok: false, permanent: false }, 1, 3)).toBe("retry");
    expect(outboxNextStep({ ok: false, permanent: false }, 3, 3)).toBe("dead");
    expect(outboxNextStep({ ok: false, permanent: true }, 1, 3)).toBe("dead");
  });
  it("marks the four notices the law requires as required, and the code mails as secret", () => {
    const required = Object.entries(mailTemplates)
      .filter(([, t]) => t.required)
      .map(([k]) => k);
    // Issue 14 A: the written account of a partial erasure (what was kept, why, until when, where to complain).
    expect(required.sort()).toEqual([
      "erasure_partial",
      "request_extended",
      "request_refused",
      "restriction_lift_notice",
    ]);
    expect(mailTemplates.sign_in_code.secret).toBe(true);
    expect(mailTemplates.email_change_code.secret).toBe(true);
  });
});

describe("which endpoint may receive an event", () => {
  const all = ["name", "organisation", "email", "phone", "postalAddress", "www", "billing"];
  it("needs the subscription and every category the payload carries", () => {
    expect(
      endpointMayReceive({ eventTypes: ["customer.contact_changed"], categories: all }, "customer.contact_changed"),
    ).toBe(true);
    expect(
      endpointMayReceive(
        { eventTypes: ["customer.contact_changed"], categories: ["email"] },
        "customer.contact_changed",
      ),
    ).toBe(false);
    expect(endpointMayReceive({ eventTypes: [], categories: all }, "customer.contact_changed")).toBe(false);
  });
  it("lets an event that carries only ids go to any subscribed endpoint", () => {
    expect(endpointMayReceive({ eventTypes: ["customer.erased"], categories: [] }, "customer.erased")).toBe(true);
  });
  it("declares categories for every type", () => {
    expect(webhookEventTypeIds.length).toBeGreaterThanOrEqual(7);
  });
});
