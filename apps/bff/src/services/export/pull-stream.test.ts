import { describe, expect, it, vi } from "vitest";
import { log } from "../../observability/logger.ts";
import { type Piece, pullStream } from "./pull-stream.ts";

/** A writer that counts how far it got and whether its clean-up ran. */
function writer(rows: number) {
  const state = { produced: 0, cleanedUp: false, closed: 0 };
  async function* pieces(): AsyncGenerator<Piece> {
    try {
      for (let i = 0; i < rows; i++) {
        state.produced += 1;
        yield `${"x".repeat(99)}\n`;
      }
    } finally {
      state.cleanedUp = true;
    }
  }
  const stream = pullStream(pieces(), {
    onClose: () => {
      state.closed += 1;
    },
    chunkBytes: 1000,
    piecesPerYield: 5,
    idleMs: 30,
  });
  return { state, stream };
}

describe("pullStream", () => {
  it("delivers everything in chunks of about the asked size and closes once", async () => {
    const { state, stream } = writer(95);
    const sizes: number[] = [];
    for await (const chunk of stream) sizes.push(chunk.byteLength);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(9500);
    expect(Math.max(...sizes)).toBe(1000);
    expect(state).toEqual({ produced: 95, cleanedUp: true, closed: 1 });
  });

  it("produces only what the reader asks for, one chunk ahead", async () => {
    const { state, stream } = writer(10_000);
    const reader = stream.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(state.produced).toBeLessThanOrEqual(30);
    await reader.cancel();
    expect(state).toMatchObject({ cleanedUp: true, closed: 1 });
  });

  it("lets go of a reader that stops pulling", async () => {
    const { state, stream } = writer(10_000);
    const reader = stream.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(state).toMatchObject({ cleanedUp: true, closed: 1 });
    await reader.read().catch(() => {});
    await expect(reader.read()).rejects.toThrow(/idle/);
  });

  it("fails the stream and still closes when the writer throws", async () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => {});
    let closed = 0;
    async function* failing(): AsyncGenerator<Piece> {
      yield "ok";
      throw new Error("disk on fire");
    }
    const stream = pullStream(failing(), {
      onClose: () => {
        closed += 1;
      },
    });
    const reader = stream.getReader();
    await expect(reader.read()).rejects.toThrow("disk on fire");
    expect(closed).toBe(1);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});
