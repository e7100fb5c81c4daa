import { describe, expect, it } from "vitest";
import { judgeSession } from "./session-policy.ts";

const policy = { idleTimeoutMs: 30 * 60_000, absoluteLifetimeMs: 12 * 3_600_000 };

describe("judgeSession", () => {
  it("keeps an active session and extends it by the idle timeout", () => {
    const verdict = judgeSession({ createdAt: 0, lastSeenAt: 0 }, 10 * 60_000, policy);
    expect(verdict).toEqual({ valid: true, touch: true, expiresAt: 40 * 60_000 });
  });

  it("does not write last-seen more than once a minute", () => {
    expect(judgeSession({ createdAt: 0, lastSeenAt: 0 }, 59_999, policy)).toMatchObject({ touch: false });
  });

  it("ends a session idle for the whole timeout", () => {
    expect(judgeSession({ createdAt: 0, lastSeenAt: 0 }, policy.idleTimeoutMs, policy)).toEqual({
      valid: false,
      reason: "idle",
    });
  });

  it("ends a session at its absolute lifetime however active, and never promises past it", () => {
    const nearEnd = policy.absoluteLifetimeMs - 60_000;
    expect(judgeSession({ createdAt: 0, lastSeenAt: nearEnd }, nearEnd + 1, policy)).toMatchObject({
      valid: true,
      expiresAt: policy.absoluteLifetimeMs,
    });
    expect(judgeSession({ createdAt: 0, lastSeenAt: nearEnd }, policy.absoluteLifetimeMs, policy)).toEqual({
      valid: false,
      reason: "absolute",
    });
  });
});
