import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The bench package's folder: children run from here, so `--import tsx` resolves. */
export const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = path.resolve(benchDir, "..");

export type BenchChild<Ready> = {
  /** What the child sent with `ready(...)`: its ports, usually. */
  ready: Ready;
  /** Asks the child a question it answers with `answer(...)` (see child-side.ts) and waits for the reply. */
  ask<T = unknown>(question: string, argument?: unknown): Promise<T>;
  stop(): Promise<void>;
};

/**
 * Runs a TypeScript file of the bench package as a separate process with an IPC channel, so the server
 * under test has a core of its own and its heap and event loop are measured without the load generator's.
 *
 * @example
 * const child = await startChild<{ port: number }>("p1-profile/server.ts", { env: { DATABASE_PATH: file } });
 * const stats = await child.ask("stats");
 * await child.stop();
 */
export function startChild<Ready>(
  script: string,
  {
    env = {},
    args = [],
    nodeArgs = [],
    timeoutMs = 120_000,
  }: {
    env?: Record<string, string>;
    args?: string[];
    nodeArgs?: string[];
    timeoutMs?: number;
  } = {},
): Promise<BenchChild<Ready>> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, "--import", "tsx", path.resolve(benchDir, script), ...args],
    { cwd: benchDir, stdio: ["ignore", "inherit", "inherit", "ipc"], env: { ...process.env, ...env } },
  );
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", (code, signal) => {
    for (const p of pending.values()) p.reject(new Error(`${script} exited (${signal ?? code})`));
    pending.clear();
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script} did not get ready within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before it was ready (${signal ?? code})`));
    });
    child.on("message", (raw) => {
      const message = raw as { type: string; id?: number; payload?: unknown; error?: string };
      if (message.type === "ready") {
        clearTimeout(timer);
        resolve({
          ready: message.payload as Ready,
          ask<T>(question: string, argument?: unknown) {
            const id = nextId++;
            return new Promise<T>((res, rej) => {
              pending.set(id, { resolve: res as (v: unknown) => void, reject: rej });
              child.send({ type: "ask", id, question, argument });
            });
          },
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
            const forced = setTimeout(() => child.kill("SIGKILL"), 5_000);
            await exited;
            clearTimeout(forced);
          },
        });
      } else if (message.type === "answer" && message.id !== undefined) {
        const p = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) p?.reject(new Error(message.error));
        else p?.resolve(message.payload);
      }
    });
  });
}
