import { createRequestInputSchema } from "@tietoni/domain";
import { describe, expect, it } from "vitest";
import { checkInput, controlProps, firstErrorPath, issueErrors } from "./field-wiring.ts";

describe("controlProps", () => {
  it("leaves aria-invalid and aria-describedby out while there is nothing to say", () => {
    expect(controlProps("x", {})).toEqual({ id: "x", "aria-invalid": undefined, "aria-describedby": undefined });
  });

  it("points at the hint, then the error", () => {
    expect(controlProps("x", { hint: true, error: "required" })).toEqual({
      id: "x",
      "aria-invalid": true,
      "aria-describedby": "x-hint x-error",
    });
  });

  it("reads text outside the field first", () => {
    expect(controlProps("x", { describedBy: "intro", error: "required" })["aria-describedby"]).toBe("intro x-error");
  });

  it("points at the error alone when there is no hint", () => {
    expect(controlProps("x", { error: "too_long" })["aria-describedby"]).toBe("x-error");
  });
});

describe("issueErrors", () => {
  it("keys errors by dotted path and keeps the first issue of each", () => {
    const errors = issueErrors([
      { path: ["request", "text"], message: "too_long" },
      { path: ["request", "text"], message: "required" },
    ]);
    expect([...errors]).toEqual([["request.text", "too_long"]]);
  });

  it("reads a message that is no error code of ours as required", () => {
    expect(issueErrors([{ path: ["ground"], message: "Invalid option" }]).get("ground")).toBe("required");
  });
});

describe("firstErrorPath", () => {
  it("follows the form's order, not the order the errors were found", () => {
    const errors = new Map([
      ["text", "required"],
      ["type", "required"],
    ]);
    expect(firstErrorPath(["type", "field", "text"], errors)).toBe("type");
  });

  it("is null when no field of the form is in error", () => {
    expect(firstErrorPath(["type"], new Map([["other", "required"]]))).toBeNull();
  });
});

describe("checkInput", () => {
  it("gives the parsed input when the schema takes it", () => {
    const result = checkInput(createRequestInputSchema, { type: "other", text: "  Please call me  " });
    expect(result).toEqual({ input: { type: "other", text: "Please call me" }, errors: null });
  });

  it("gives the field errors the BFF would give", () => {
    const result = checkInput(createRequestInputSchema, {
      type: "rectification",
      field: "",
      newValue: "",
      reason: "x",
    });
    expect(result.input).toBeNull();
    expect(Object.fromEntries(result.errors ?? [])).toEqual({ field: "required", newValue: "required" });
  });
});
