/** Session lifetimes; configurable per surface through the BFF's env module. */
export type SessionPolicy = {
  /** A session unused this long ends. */
  idleTimeoutMs: number;
  /** A session ends this long after sign-in, however active. */
  absoluteLifetimeMs: number;
};

export type SessionTimes = { createdAt: number; lastSeenAt: number };

export type SessionVerdict =
  | { valid: false; reason: "idle" | "absolute" }
  | { valid: true; touch: boolean; expiresAt: number };

/**
 * Decides whether a session is still valid at `now`, and whether its
 * last-seen time should be written (at most once a minute, to spare the disk).
 */
export function judgeSession(session: SessionTimes, now: number, policy: SessionPolicy): SessionVerdict {
  if (now - session.createdAt >= policy.absoluteLifetimeMs) return { valid: false, reason: "absolute" };
  if (now - session.lastSeenAt >= policy.idleTimeoutMs) return { valid: false, reason: "idle" };
  const expiresAt = Math.min(session.createdAt + policy.absoluteLifetimeMs, now + policy.idleTimeoutMs);
  return { valid: true, touch: now - session.lastSeenAt >= 60_000, expiresAt };
}
