import { describe, expect, it } from "vitest";
import {
  checkEmailChangeUndo,
  emailChangeUndoPolicy,
  freshUntil,
  isRecentlyAuthenticated,
  reauthenticationPolicy,
  undoEmailChangeInputSchema,
} from "./email-change.ts";

const t0 = Date.UTC(2026, 10, 25, 10);
const fresh = reauthenticationPolicy.freshForMs;

describe("isRecentlyAuthenticated", () => {
  it("counts the sign-in for five minutes, not a moment longer", () => {
    expect(isRecentlyAuthenticated({ createdAt: t0, reauthenticatedAt: null }, t0 + fresh - 1)).toBe(true);
    expect(isRecentlyAuthenticated({ createdAt: t0, reauthenticatedAt: null }, t0 + fresh)).toBe(false);
  });

  it("counts a later re-authentication from its own time", () => {
    const session = { createdAt: t0, reauthenticatedAt: t0 + 60 * 60_000 };
    expect(isRecentlyAuthenticated(session, t0 + 60 * 60_000 + fresh - 1)).toBe(true);
    expect(freshUntil(session)).toBe(t0 + 60 * 60_000 + fresh);
  });
});

describe("checkEmailChangeUndo", () => {
  const expiresAt = t0 + emailChangeUndoPolicy.validForMs;
  it("allows the link once, within seven days", () => {
    expect(checkEmailChangeUndo({ expiresAt, usedAt: null }, expiresAt - 1)).toBe("usable");
    expect(checkEmailChangeUndo({ expiresAt, usedAt: null }, expiresAt)).toBe("expired");
    expect(checkEmailChangeUndo({ expiresAt, usedAt: t0 }, t0 + 1)).toBe("used");
  });
});

describe("undoEmailChangeInputSchema", () => {
  it("takes id.secret and refuses anything else with undo_link_invalid", () => {
    expect(undoEmailChangeInputSchema.safeParse({ token: "abc.def" }).success).toBe(true);
    for (const token of ["", "abc", "abc.def.ghi", "ABC.def", "a b.c"]) {
      const result = undoEmailChangeInputSchema.safeParse({ token });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("undo_link_invalid");
    }
  });
});
