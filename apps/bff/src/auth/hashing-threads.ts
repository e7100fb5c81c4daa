import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * argon2id on worker threads of their own that run at a lower CPU priority than the event loop (Linux: a thread's
 * nice value; elsewhere they simply run at normal priority) and rest between hashes (REST). On a busy machine the
 * scheduler then serves customers' requests first and hashing takes what is left, instead of taking a core from the
 * event loop (bench P6); a lone hash on an idle machine runs at full speed. Workers start on first use and do not keep the process alive
 * while idle.
 */
export type HashingThreads = {
  hash(password: string, options: object): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
};

/** How much lower than the event loop (nice 0 → 10: about a tenth of a contended core's time). */
const NICE = 10;

/**
 * After each hash a thread rests this many times as long as the hash took, so while sign-ins queue, hashing takes at
 * most a third of a core. Priority alone did not protect customers: argon2id is memory-hard (19 MiB a hash, most of
 * this machine's L3 cache), so a hashing thread slows the event loop's work on the other core through the cache and
 * memory bus whatever its nice value (nice 19 measured no better than 10). Resting takes it off both. The rest
 * comes after the answer is posted, so a lone sign-in waits for nothing; in a burst the 20th of 20 simultaneous
 * sign-ins answers within about 0.8 s (bench P6: customer reads 0.67× → 0.79× of their quiet throughput).
 */
const REST = 2;

const argon2Path = createRequire(import.meta.url).resolve("@node-rs/argon2");

// CommonJS evaluated in the worker: no TypeScript loader needed, so it runs the same under tsx, vitest and node.
const source = `
const { parentPort } = require("node:worker_threads");
const fs = require("node:fs");
const os = require("node:os");
const argon2 = require(${JSON.stringify(argon2Path)});
try {
  // On Linux a thread id is a process id to setpriority: this lowers this thread alone.
  const tid = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
  if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, ${NICE});
} catch {}
const pause = new Int32Array(new SharedArrayBuffer(4));
parentPort.on("message", ({ id, op, args }) => {
  try {
    const started = performance.now();
    const value = op === "hash" ? argon2.hashSync(args[0], args[1]) : argon2.verifySync(args[0], args[1]);
    parentPort.postMessage({ id, value });
    // The rest (see REST): a blocking wait is right here, the thread has nothing else to do.
    const rest = (performance.now() - started) * ${REST};
    if (rest > 0) Atomics.wait(pause, 0, 0, rest);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

type Job = { resolve: (value: never) => void; reject: (error: Error) => void };

function startWorker() {
  const worker = new Worker(source, { eval: true });
  const pending = new Map<number, Job>();
  let nextId = 0;
  let alive = true;
  worker.unref();
  const failAll = (error: Error) => {
    alive = false;
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };
  worker.on("message", ({ id, value, error }: { id: number; value?: never; error?: string }) => {
    const job = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    if (error !== undefined) job?.reject(new Error(error));
    else job?.resolve(value as never);
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`hashing thread exited (${code})`)));
  return {
    get alive() {
      return alive;
    },
    get busy() {
      return pending.size;
    },
    run<T>(op: "hash" | "verify", args: unknown[]): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: never) => void, reject });
        // Held open only while there is work, so a CLI that hashed one password still exits.
        worker.ref();
        worker.postMessage({ id, op, args });
      });
    },
  };
}

/** Up to `size` threads; each call goes to the least busy one (callers bound the concurrency themselves). */
export function createHashingThreads(size: number): HashingThreads {
  const workers: ReturnType<typeof startWorker>[] = [];
  const pick = () => {
    for (let i = workers.length - 1; i >= 0; i--) if (!workers[i]?.alive) workers.splice(i, 1);
    const idle = workers.find((w) => w.busy === 0);
    if (idle) return idle;
    if (workers.length < size) {
      const started = startWorker();
      workers.push(started);
      return started;
    }
    return workers.reduce((a, b) => (b.busy < a.busy ? b : a));
  };
  return {
    hash: (password, options) => pick().run<string>("hash", [password, options]),
    verify: (hashed, password) => pick().run<boolean>("verify", [hashed, password]),
  };
}
