import { log } from "../../observability/logger.ts";

/** What a writer yields: text, bytes, or an empty string just to say "one more row done". */
export type Piece = string | Uint8Array;

/** How a stream ended: written to the end, failed in the writer, cancelled by the reader, or cut off idle. */
export type StreamEnd = "completed" | "failed" | "cancelled" | "idle";

export type PullStreamOptions = {
  /**
   * Called once when the stream ends, fails, is cancelled or goes idle, after the writer has finished (its
   * `finally` blocks ended the statements it was reading): releases the export's snapshot.
   */
  onClose: (end: StreamEnd) => void | Promise<void>;
  /** A chunk is handed on once it reaches this size. */
  chunkBytes?: number;
  /**
   * The writer pauses for one turn of the event loop, so other requests are served, once it has run this long
   * since its last pause (across chunks: a reader that pulls straight away gives the event loop no turn of its own)…
   */
  sliceMs?: number;
  /** …or after this many pieces, whichever comes first. */
  piecesPerYield?: number;
  /** A reader that stops pulling for this long (a stalled client) loses the stream and its snapshot. */
  idleMs?: number;
};

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A pull-based byte stream over a writer. The writer runs only when the stream is pulled (the HTTP layer pulls only
 * when the socket drains), at most one chunk waits in the queue, and a long run is cut into slices with a trip
 * through the event loop between them: a writer over SQLite awaits only promises that are already settled, which
 * would otherwise never let a timer or another request run. The writer runs only inside pull, so ending it (a
 * cancel, the idle cut-off) waits for the step in progress, then runs its `finally` blocks (which end the
 * statements it was reading) before the snapshot is closed.
 */
export function pullStream(
  pieces: AsyncGenerator<Piece, void, undefined>,
  { onClose, chunkBytes = 64 * 1024, sliceMs = 5, piecesPerYield = 1000, idleMs = 120_000 }: PullStreamOptions,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let finished = false;
  let idleTimer: NodeJS.Timeout | undefined;
  let sliceStarted = performance.now();

  const finish = async (end: StreamEnd) => {
    if (finished) return;
    finished = true;
    clearTimeout(idleTimer);
    try {
      await pieces.return(undefined);
    } catch {
      // The writer failed while it was ended: the stream is over either way.
    }
    try {
      await onClose(end);
    } catch (error) {
      log.error({ job: "export", err: error }, "export: releasing the snapshot failed");
    }
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        clearTimeout(idleTimer);
        // Text is gathered as one string and encoded once per chunk: encoding each row on its own costs more than
        // writing it. Its length in UTF-16 units stands in for its size in bytes (exact for ASCII).
        const parts: Uint8Array[] = [];
        let size = 0;
        let text = "";
        let count = 0;
        let done = false;
        const encodeText = () => {
          if (text.length === 0) return;
          const bytes = encoder.encode(text);
          parts.push(bytes);
          size += bytes.byteLength;
          text = "";
        };
        try {
          while (size + text.length < chunkBytes) {
            const next = await pieces.next();
            if (finished) return;
            if (next.done) {
              done = true;
              break;
            }
            if (typeof next.value === "string") text += next.value;
            else if (next.value.byteLength > 0) {
              encodeText();
              parts.push(next.value);
              size += next.value.byteLength;
            }
            count += 1;
            if (count % piecesPerYield === 0 || performance.now() - sliceStarted >= sliceMs) {
              await yieldToEventLoop();
              sliceStarted = performance.now();
              count = 0;
              if (finished) return;
            }
          }
          encodeText();
        } catch (error) {
          // Ended meanwhile (cancelled): the snapshot went away under the writer, nothing to report.
          if (finished) return;
          log.error({ job: "export", err: error }, "export: writing the download failed");
          await finish("failed");
          controller.error(error);
          return;
        }
        if (size > 0) controller.enqueue(concat(parts, size));
        if (done) {
          await finish("completed");
          controller.close();
          return;
        }
        idleTimer = setTimeout(() => {
          controller.error(new Error("export stream idle"));
          void finish("idle");
        }, idleMs);
        idleTimer.unref();
      },
      async cancel() {
        await finish("cancelled");
      },
    },
    // Counted in chunks: one ready chunk ahead of the reader, no more.
    { highWaterMark: 1 },
  );
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
