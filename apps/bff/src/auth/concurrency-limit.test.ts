import { describe, expect, it } from "vitest";
import { createConcurrencyLimit } from "./concurrency-limit.ts";

/** A task the test finishes by hand, recording when it started. */
function deferred(log: string[], name: string) {
  let finish: (value: string) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const task = () =>
    new Promise<string>((resolve, reject) => {
      log.push(`start ${name}`);
      finish = resolve;
      fail = reject;
    });
  return { task, finish: (v = name) => finish(v), fail: (e: Error) => fail(e) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("createConcurrencyLimit", () => {
  it("runs at most `limit` tasks at once and starts the rest in arrival order as slots free up", async () => {
    const limit = createConcurrencyLimit(2);
    const log: string[] = [];
    const tasks = ["a", "b", "c", "d"].map((name) => deferred(log, name));
    const results = tasks.map((t) => limit.run(t.task));
    await settle();
    expect(log).toEqual(["start a", "start b"]);
    expect([limit.active, limit.waiting]).toEqual([2, 2]);

    tasks[1]?.finish();
    await settle();
    expect(log).toEqual(["start a", "start b", "start c"]);
    tasks[0]?.finish();
    await settle();
    expect(log).toEqual(["start a", "start b", "start c", "start d"]);
    expect([limit.active, limit.waiting]).toEqual([2, 0]);

    tasks[2]?.finish();
    tasks[3]?.finish();
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d"]);
    expect([limit.active, limit.waiting]).toEqual([0, 0]);
  });

  it("frees the slot of a task that fails and passes its error on", async () => {
    const limit = createConcurrencyLimit(1);
    const log: string[] = [];
    const first = deferred(log, "first");
    const second = deferred(log, "second");
    const failed = limit.run(first.task);
    const next = limit.run(second.task);
    await settle();
    first.fail(new Error("boom"));
    await expect(failed).rejects.toThrow("boom");
    await settle();
    expect(log).toEqual(["start first", "start second"]);
    second.finish();
    expect(await next).toBe("second");
    expect(limit.active).toBe(0);
  });

  it("does not let a newcomer overtake tasks already waiting", async () => {
    const limit = createConcurrencyLimit(1);
    const log: string[] = [];
    const a = deferred(log, "a");
    const b = deferred(log, "b");
    const c = deferred(log, "c");
    const runs = [limit.run(a.task), limit.run(b.task)];
    await settle();
    a.finish();
    // Arrives in the same turn as the slot frees: b was first in line.
    runs.push(limit.run(c.task));
    await settle();
    expect(log).toEqual(["start a", "start b"]);
    b.finish();
    await settle();
    c.finish();
    await Promise.all(runs);
    expect(log).toEqual(["start a", "start b", "start c"]);
  });

  it("refuses a limit below one", () => {
    expect(() => createConcurrencyLimit(0)).toThrow();
    expect(() => createConcurrencyLimit(1.5)).toThrow();
  });
});
