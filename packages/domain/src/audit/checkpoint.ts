import { z } from "zod";

/*
 * Issue 14 E — a signed checkpoint of the audit chain: at entry `seq` the chain's head hash was `head`, at time
 * `at`. The server signs the canonical text with its Ed25519 key and mails one line per checkpoint to the
 * data-protection officer; whatever the DPO keeps (the mails, a file of lines) can be pasted back to verification,
 * which then proves the trail was neither rewritten nor cut after the DPO received it. The format lives here, once,
 * for the mail, the staff app's paste form and the command line.
 */

export type AuditCheckpoint = {
  seq: number;
  /** The chain's head hash (64 hex) at `seq`. */
  head: string;
  /** ISO time the checkpoint was written. */
  at: string;
  /** The signing key's id: a fingerprint of its Ed25519 public key (16 hex). */
  keyId: string;
  /** Ed25519 signature over `checkpointSignedText`, base64. */
  signature: string;
};

const VERSION = "tietoni-audit-checkpoint v1";

/** The exact bytes that are signed: a version line, then seq, head and time, one a line, nothing else. */
export function checkpointSignedText(c: Pick<AuditCheckpoint, "seq" | "head" | "at">): string {
  return `${VERSION}\n${c.seq}\n${c.head}\n${c.at}`;
}

/** The one-line form the DPO keeps; whitespace-free fields, so a mail client's line wrapping is easy to spot. */
export function checkpointLine(c: AuditCheckpoint): string {
  return `${VERSION} seq=${c.seq} head=${c.head} at=${c.at} key=${c.keyId} signature=${c.signature}`;
}

const LINE =
  /^tietoni-audit-checkpoint v1 seq=([1-9]\d{0,15}) head=([0-9a-f]{64}) at=(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) key=([0-9a-f]{16}) signature=([A-Za-z0-9+/]{86}==)$/;

export type ParsedCheckpoints =
  | { ok: true; checkpoints: AuditCheckpoint[] }
  /** `line`: the 1-based number of a line that starts like a checkpoint but is not one (cut, wrapped, edited). */
  | { ok: false; reason: "none" | "malformed"; line?: number };

/**
 * Reads the checkpoint lines out of whatever the DPO pastes or uploads — a whole mail, a file of lines, with other
 * text around them. Other lines are ignored; a line that starts like a checkpoint but does not parse is refused
 * rather than skipped, so a copy damaged on the way is never silently left out of the comparison. The same
 * checkpoint pasted twice counts once.
 */
export function parseCheckpointLines(text: string): ParsedCheckpoints {
  const found = new Map<string, AuditCheckpoint>();
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim().replace(/^>+\s*/, "");
    if (!line.startsWith("tietoni-audit-checkpoint")) continue;
    const m = LINE.exec(line);
    if (!m) return { ok: false, reason: "malformed", line: i + 1 };
    const [, seq, head, at, keyId, signature] = m as unknown as [string, string, string, string, string, string];
    found.set(line, { seq: Number(seq), head, at, keyId, signature });
  }
  if (found.size === 0) return { ok: false, reason: "none" };
  return { ok: true, checkpoints: [...found.values()].sort((a, b) => a.seq - b.seq) };
}

/**
 * The verification request: optionally the text of the DPO's copies (pasted, or read from an uploaded file in the
 * browser), parsed here into checkpoints, so a text without any or with a damaged line is a 400 that checks nothing.
 */
export const auditVerifyInputSchema = z.object({
  checkpoints: z
    .string()
    .max(2_000_000, "too_long")
    .optional()
    .transform((text, ctx): AuditCheckpoint[] => {
      if (text === undefined || text.trim() === "") return [];
      const parsed = parseCheckpointLines(text);
      if (parsed.ok) return parsed.checkpoints;
      ctx.addIssue({
        code: "custom",
        message: parsed.reason === "none" ? "audit_checkpoints_none" : "audit_checkpoint_malformed",
      });
      return z.NEVER;
    }),
});
