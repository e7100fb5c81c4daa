import { describe, expect, it } from "vitest";
import { hashingLimit, hashingSlots, hashPassword, verifyPassword } from "./passwords.ts";

describe("password hashing", () => {
  it("hashes with argon2id at OWASP's parameters and verifies only the right password", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(stored, "correct horse battery stapler")).toBe(false);
  });

  it("answers false for an unknown user and for a stored value that is no hash, without throwing", async () => {
    expect(await verifyPassword(null, "anything")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });

  it("runs the work of simultaneous sign-ins through one queue, known and unknown users alike", async () => {
    const stored = await hashPassword("pw-for-the-queue");
    await verifyPassword(null, "warm up the dummy hash");
    const results = Array.from({ length: 6 }, (_, i) => verifyPassword(i % 2 ? null : stored, "pw-for-the-queue"));
    await new Promise((resolve) => setImmediate(resolve));
    // All six are in the one queue, and no more run at once than there are slots.
    expect(hashingLimit.active + hashingLimit.waiting).toBe(6);
    expect(hashingLimit.active).toBeLessThanOrEqual(hashingSlots);
    expect(await Promise.all(results)).toEqual([true, false, true, false, true, false]);
    expect([hashingLimit.active, hashingLimit.waiting]).toEqual([0, 0]);
  });
});
