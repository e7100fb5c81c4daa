import { describe, expect, it } from "vitest";
import { type AuditCheckpoint, checkpointLine, checkpointSignedText, parseCheckpointLines } from "./checkpoint.ts";

const checkpoint: AuditCheckpoint = {
  seq: 1000,
  head: "ab".repeat(32),
  at: "2026-12-02T10:00:00.000Z",
  keyId: "0123456789abcdef",
  signature: `${"A".repeat(86)}==`,
};

describe("audit checkpoints", () => {
  it("signs a fixed text: version, seq, head and time on lines of their own", () => {
    expect(checkpointSignedText(checkpoint)).toBe(
      `tietoni-audit-checkpoint v1\n1000\n${"ab".repeat(32)}\n2026-12-02T10:00:00.000Z`,
    );
  });

  it("reads its lines back out of a pasted mail, quoted or not, once each, in seq order", () => {
    const second = { ...checkpoint, seq: 2000 };
    const mail = [
      "Subject: checkpoint",
      `> ${checkpointLine(second)}`,
      "some other text",
      checkpointLine(checkpoint),
      `  ${checkpointLine(checkpoint)}  `,
    ].join("\r\n");
    expect(parseCheckpointLines(mail)).toEqual({ ok: true, checkpoints: [checkpoint, second] });
  });

  it("refuses a damaged line instead of skipping it, and text without any checkpoint", () => {
    const cut = checkpointLine(checkpoint).slice(0, -5);
    expect(parseCheckpointLines(`hello\n${cut}`)).toEqual({ ok: false, reason: "malformed", line: 2 });
    expect(parseCheckpointLines(checkpointLine({ ...checkpoint, head: "AB".repeat(32) }))).toMatchObject({
      ok: false,
      reason: "malformed",
    });
    expect(parseCheckpointLines("nothing here")).toEqual({ ok: false, reason: "none" });
  });
});
