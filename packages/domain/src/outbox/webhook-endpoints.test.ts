import { describe, expect, it } from "vitest";
import { createWebhookEndpointSchema, eventsNotCovered, updateWebhookEndpointSchema } from "./webhook-endpoints.ts";

const base = {
  system: { kind: "existing", systemId: "abc123" },
  url: "https://hooks.example.com/tietoni",
  eventTypes: ["customer.marketing_objections_changed"],
  categories: ["email"],
};
const codes = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues.map((i) => i.message) ?? [];

describe("webhook endpoint input", () => {
  it("names the events the categories cannot cover", () => {
    expect(eventsNotCovered(["customer.marketing_objections_changed"], ["email"])).toEqual([]);
    expect(eventsNotCovered(["customer.marketing_objections_changed", "customer.erased"], [])).toEqual([
      "customer.marketing_objections_changed",
    ]);
    expect(eventsNotCovered(["customer.contact_changed"], ["email", "phone"])).toEqual(["customer.contact_changed"]);
  });

  it("accepts a valid endpoint and refuses what would never deliver or leak credentials", () => {
    expect(createWebhookEndpointSchema.safeParse(base).success).toBe(true);
    expect(codes(createWebhookEndpointSchema.safeParse({ ...base, categories: [] }))).toEqual([
      "webhook_categories_missing",
    ]);
    expect(codes(createWebhookEndpointSchema.safeParse({ ...base, eventTypes: [] }))).toContain(
      "webhook_events_required",
    );
    for (const url of ["ftp://x.example/", "https://user:pw@x.example/", "https://x.example/#a", "not a url", ""])
      expect(codes(createWebhookEndpointSchema.safeParse({ ...base, url })), url).toContain("webhook_url_invalid");
  });

  it("registers a new system with a notice party of the register description", () => {
    const system = {
      kind: "new",
      name: "Newsletter tool",
      party: { kind: "recipient", id: "financialAdministrationPartner" },
    };
    expect(createWebhookEndpointSchema.safeParse({ ...base, system }).success).toBe(true);
    // The format only: whether the loaded notice has the recipient is the BFF's check (isNoticeParty).
    const bad = { ...system, party: { kind: "recipient", id: "No body!" } };
    expect(codes(createWebhookEndpointSchema.safeParse({ ...base, system: bad }))).toContain("notice_party_invalid");
  });

  it("needs some change in an update", () => {
    expect(updateWebhookEndpointSchema.safeParse({}).success).toBe(false);
    expect(updateWebhookEndpointSchema.safeParse({ enabled: false }).success).toBe(true);
  });
});
