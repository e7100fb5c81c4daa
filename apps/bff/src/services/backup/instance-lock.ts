import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/*
 * Issue 15 F: a restore must not replace the database under a running server. Each server process leaves a file in
 * STATE_DIR/instances while it runs (removed when it exits); `pnpm restore` refuses while one names a live process.
 * A file left by a process that died on this host is stale and removed; one from another host (STATE_DIR on shared
 * storage) cannot be checked from here, so it counts as running until its operator removes it. The restore also
 * asks SQLite itself (backup.ts `databaseInUse`), which catches a process that holds no such file.
 */

type Holder = { host: string; pid: number; startedAt: string };

const instancesDir = (stateDir: string) => path.join(stateDir, "instances");

/** Marks this process as a running instance until it exits (any exit, the signal handlers' `process.exit` too). */
export function holdInstanceLock(stateDir: string, now = Date.now()): { file: string; release(): void } {
  fs.mkdirSync(instancesDir(stateDir), { recursive: true });
  const file = path.join(instancesDir(stateDir), `${os.hostname()}-${process.pid}.json`);
  const holder: Holder = { host: os.hostname(), pid: process.pid, startedAt: new Date(now).toISOString() };
  fs.writeFileSync(file, `${JSON.stringify(holder)}\n`);
  const release = () => {
    process.off("exit", release);
    fs.rmSync(file, { force: true });
  };
  process.on("exit", release);
  return { file, release };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The instances that may be running on this STATE_DIR (stale files of dead local processes are removed). */
export function runningInstances(stateDir: string): (Holder & { file: string })[] {
  let names: string[];
  try {
    names = fs.readdirSync(instancesDir(stateDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const running: (Holder & { file: string })[] = [];
  for (const name of names.filter((n) => n.endsWith(".json"))) {
    const file = path.join(instancesDir(stateDir), name);
    let holder: Holder;
    try {
      holder = JSON.parse(fs.readFileSync(file, "utf8")) as Holder;
    } catch {
      continue; // removed meanwhile, or half-written by a process starting now: the SQLite check still applies
    }
    if (holder.host === os.hostname() && !alive(holder.pid)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    running.push({ ...holder, file });
  }
  return running;
}
