import { execFileSync } from "node:child_process";
import os from "node:os";

/** One line naming the machine, as every table in docs/performance.md states it. */
export function describeMachine(): string {
  let nproc = String(os.availableParallelism());
  try {
    nproc = execFileSync("nproc", { encoding: "utf8" }).trim();
  } catch {}
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  return `${nproc} cores (nproc; ${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}
