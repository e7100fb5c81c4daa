import { describe, expect, it } from "vitest";
import { clientSecretHash, parseClientToken } from "./client-token.ts";
import { sha256Hex } from "./tokens.ts";

describe("client tokens", () => {
  const secret = "a".repeat(20);

  it("reads the client id and secret of a bearer token", () => {
    expect(parseClientToken(`Bearer tti_abc123_${secret}`)).toEqual({ clientId: "abc123", secret });
  });

  it("refuses anything else", () => {
    for (const header of [
      undefined,
      "",
      `tti_abc123_${secret}`,
      `Basic tti_abc123_${secret}`,
      `Bearer tti_abc123_${"a".repeat(19)}`,
      `Bearer tti_ABC_${secret}`,
      `Bearer tti__${secret}`,
      `Bearer tti_abc123_${secret} `,
      `Bearer xyz_abc123_${secret}`,
      `Bearer tti_${"a".repeat(65)}_${secret}`,
    ]) {
      expect(parseClientToken(header), String(header)).toBeNull();
    }
  });

  it("stores the secret as its SHA-256", () => {
    expect(clientSecretHash(secret)).toBe(sha256Hex(secret));
  });
});
