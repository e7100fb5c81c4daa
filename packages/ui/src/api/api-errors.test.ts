import { describe, expect, it } from "vitest";
import { errorCode, fieldErrors, formError } from "./api-errors.ts";
import { ApiError, nullWhenSignedOut } from "./call-api.ts";

const refusal = new ApiError(400, "validation_failed", [{ path: "postalAddress.city", code: "required" }]);

describe("errorCode", () => {
  it("is the BFF's code, server_error for anything else, null for no error", () => {
    expect(errorCode(new ApiError(409, "conflict"))).toBe("conflict");
    expect(errorCode(new TypeError("Failed to fetch"))).toBe("server_error");
    expect(errorCode(null)).toBeNull();
  });
});

describe("fieldErrors", () => {
  it("maps each refused field's path to its code", () => {
    expect(fieldErrors(refusal).get("postalAddress.city")).toBe("required");
  });

  it("is empty for a failure that is no refusal", () => {
    expect(fieldErrors(new Error("boom")).size).toBe(0);
  });
});

describe("formError", () => {
  it("stays quiet when a field of the form explains the refusal", () => {
    expect(formError(refusal, ["postalAddress.city"])).toBeNull();
  });

  it("shows the refusal's code when no field of the form explains it", () => {
    expect(formError(refusal, ["phone"])).toBe("validation_failed");
  });

  it("is server_error for a failure that is no refusal, null for none", () => {
    expect(formError(new Error("boom"), [])).toBe("server_error");
    expect(formError(null, [])).toBeNull();
  });
});

describe("nullWhenSignedOut", () => {
  it("answers null to 401", async () => {
    await expect(nullWhenSignedOut(Promise.reject(new ApiError(401, "unauthenticated")))).resolves.toBeNull();
  });

  it("passes the session through", async () => {
    await expect(nullWhenSignedOut(Promise.resolve({ name: "Heli" }))).resolves.toEqual({ name: "Heli" });
  });

  it("still fails on other errors", async () => {
    await expect(nullWhenSignedOut(Promise.reject(new ApiError(500, "server_error")))).rejects.toThrow("server_error");
  });
});
