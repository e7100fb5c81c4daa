import { describe, expect, it } from "vitest";
import {
  allowsOnlyOnePending,
  canCancel,
  checkExtension,
  createRequestInputSchema,
  decidedOnDesk,
  requestTypes,
} from "./request-model.ts";

const pending = { state: "received" as const, receivedOn: "2026-01-31", dueOn: "2026-02-28", extendedAt: null };

describe("extension of a request's deadline", () => {
  it("is allowed once, within the first month, by one or two months counted from receipt", () => {
    expect(checkExtension(pending, 2, "2026-02-28")).toEqual({ allowed: true, newDueOn: "2026-04-30" });
    expect(checkExtension(pending, 1, "2026-02-01")).toEqual({ allowed: true, newDueOn: "2026-03-31" });
  });

  it("is refused after the first month, a second time, beyond two months or for a decided request", () => {
    expect(checkExtension(pending, 2, "2026-03-01")).toEqual({ allowed: false, reason: "first_month_over" });
    expect(checkExtension({ ...pending, state: "extended", extendedAt: "2026-02-02" }, 1, "2026-02-03")).toEqual({
      allowed: false,
      reason: "already_extended",
    });
    expect(checkExtension(pending, 3, "2026-02-01")).toEqual({ allowed: false, reason: "too_many_months" });
    expect(checkExtension({ ...pending, state: "completed" }, 1, "2026-02-01")).toEqual({
      allowed: false,
      reason: "not_pending",
    });
  });
});

describe("cancelling", () => {
  it("is possible only while the request is pending", () => {
    expect(canCancel("received")).toBe(true);
    expect(canCancel("extended")).toBe(true);
    expect(canCancel("refused")).toBe(false);
    expect(canCancel("completed")).toBe(false);
  });
});

describe("request input", () => {
  it("requires both the new value and the reason for a correction, as the notice does", () => {
    const missingReason = createRequestInputSchema.safeParse({
      type: "rectification",
      field: "lastName",
      newValue: "Uusi",
      reason: " ",
    });
    expect(missingReason.success).toBe(false);
    expect(missingReason.error?.issues[0]).toMatchObject({ path: ["reason"], message: "required" });
    expect(
      createRequestInputSchema.parse({
        type: "rectification",
        field: "lastName",
        newValue: " Uusi ",
        reason: "Nimenmuutos",
      }),
    ).toEqual({ type: "rectification", field: "lastName", newValue: "Uusi", reason: "Nimenmuutos" });
  });

  it("refuses fields that are edited directly or do not exist", () => {
    expect(
      createRequestInputSchema.safeParse({ type: "rectification", field: "email", newValue: "x", reason: "y" }).success,
    ).toBe(false);
  });

  it("requires a ground for a restriction", () => {
    expect(createRequestInputSchema.safeParse({ type: "restriction" }).success).toBe(false);
    expect(createRequestInputSchema.parse({ type: "restriction", ground: "accuracyContested" })).toEqual({
      type: "restriction",
      ground: "accuracyContested",
      text: "",
    });
  });

  it("requires text for a free-form request", () => {
    expect(createRequestInputSchema.safeParse({ type: "other", text: "" }).success).toBe(false);
  });
});

describe("where requests are decided", () => {
  it("completes access, objection and other requests on the desk, and nothing else", () => {
    expect(requestTypes.filter(decidedOnDesk)).toEqual(["access", "objection", "other"]);
  });

  it("allows one pending erasure and one pending restriction, any number of others", () => {
    expect(requestTypes.filter(allowsOnlyOnePending)).toEqual(["restriction", "erasure"]);
  });
});
