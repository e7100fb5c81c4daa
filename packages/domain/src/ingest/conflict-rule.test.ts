import { describe, expect, it } from "vitest";
import { changeAuthorOf, decideField, invoiceStatusColumns, registerRoleOf } from "./conflict-rule.ts";

const T = 1_000_000;

describe("decideField", () => {
  it("leaves an equal value unchanged, whatever the times", () => {
    expect(decideField({ current: "a", incoming: "a", incomingAt: 0, last: { at: T, by: "staff" } })).toBe("unchanged");
    expect(decideField({ current: null, incoming: null, incomingAt: T * 2, last: { at: T, by: "system" } })).toBe(
      "unchanged",
    );
  });

  it("applies a newer value over anyone's change", () => {
    for (const by of ["customer", "staff", "system"] as const) {
      expect(decideField({ current: "a", incoming: "b", incomingAt: T + 1, last: { at: T, by } })).toBe("apply");
    }
  });

  it("applies null (a clear) like any other value", () => {
    expect(decideField({ current: "a", incoming: null, incomingAt: T + 1, last: { at: T, by: "customer" } })).toBe(
      "apply",
    );
  });

  it("keeps a customer's or staff's later change and reports a conflict", () => {
    expect(decideField({ current: "a", incoming: "b", incomingAt: T - 1, last: { at: T, by: "customer" } })).toBe(
      "conflict",
    );
    expect(decideField({ current: "a", incoming: "b", incomingAt: T, last: { at: T, by: "staff" } })).toBe("conflict");
  });

  it("skips a value older than a system's change as stale, without a conflict", () => {
    expect(decideField({ current: "a", incoming: "b", incomingAt: T - 1, last: { at: T, by: "system" } })).toBe(
      "unchanged",
    );
  });

  it("lets a system's value as new as another system's overwrite it", () => {
    expect(decideField({ current: "a", incoming: "b", incomingAt: T, last: { at: T, by: "system" } })).toBe("apply");
  });
});

describe("changeAuthorOf", () => {
  it("counts a change a system's run wrote as the system's, even if staff uploaded the file", () => {
    expect(changeAuthorOf("staff", "sys-1")).toBe("system");
    expect(changeAuthorOf("staff", null)).toBe("staff");
    expect(changeAuthorOf("customer", null)).toBe("customer");
    expect(changeAuthorOf("client", null)).toBe("system");
    expect(changeAuthorOf("system", null)).toBe("system");
  });
});

describe("interchange words in register columns", () => {
  it("maps the role names", () => {
    expect(registerRoleOf("contact_person")).toBe("contactPerson");
    expect(registerRoleOf("representative")).toBe("representative");
  });

  it("maps invoice states", () => {
    expect(invoiceStatusColumns({ status: "in_collection", collection_agency: "Perintä Oy" }, "2026-01-01")).toEqual({
      status: "open",
      inCollection: true,
      collectionAgency: "Perintä Oy",
      paidAt: null,
      writtenOffOn: null,
    });
    expect(invoiceStatusColumns({ status: "written_off" }, "2026-01-01")).toMatchObject({
      status: "written_off",
      writtenOffOn: "2026-01-01",
      inCollection: false,
    });
    expect(
      invoiceStatusColumns({ status: "written_off", written_off_on: "2025-12-01" }, "2026-01-01").writtenOffOn,
    ).toBe("2025-12-01");
    expect(invoiceStatusColumns({ status: "paid", paid_on: "2025-11-02" }, "2026-01-01")).toMatchObject({
      status: "paid",
      paidAt: "2025-11-02",
    });
    expect(invoiceStatusColumns({ status: "open" }, "2026-01-01")).toMatchObject({
      status: "open",
      inCollection: false,
    });
  });
});
