import fs from "node:fs";
import { errorMessages } from "@tietoni/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers } from "../../db/schema.ts";
import { importDir } from "../../services/import/uploads.ts";
import { createTestContext, STAFF_ORIGIN, type TestContext } from "../../test/test-context.ts";

let t: TestContext;
let admin: string;

beforeAll(async () => {
  t = await createTestContext({ IMPORT_MAX_UPLOAD_MIB: "1", IMPORT_BATCH_ROWS: "3" });
  admin = await t.signInAdmin();
});
afterAll(() => t.close());

const csv = (tag: string, n: number) =>
  `external_id,first_name,last_name,relationship_start\n${Array.from({ length: n }, (_, i) => `${tag}-${i},Etu,Suku${i},2024-01-01`).join("\n")}\n`;

function upload(
  body: string | ReadableStream<Uint8Array>,
  options: { cookie?: string; system?: string; fileName?: string; type?: string; length?: string } = {},
) {
  const query = new URLSearchParams({ system: options.system ?? "CRM", fileName: options.fileName ?? "customers.csv" });
  return t.staff.request(`/api/staff/imports?${query}`, {
    method: "POST",
    headers: {
      origin: STAFF_ORIGIN,
      "content-type": options.type ?? "application/octet-stream",
      ...(options.length ? { "content-length": options.length } : {}),
      ...((options.cookie ?? admin) ? { cookie: options.cookie ?? admin } : {}),
    },
    body,
    duplex: "half",
  } as RequestInit);
}

const get = (url: string, cookie = admin) => t.staff.request(url, { headers: { origin: STAFF_ORIGIN, cookie } });

describe("the staff import page's API", () => {
  it("takes an upload, answers its dry run, applies it in the background with progress, then reports done", async () => {
    const before = await t.db.$count(customers);
    const res = await upload(csv("up", 10));
    expect(res.status).toBe(200);
    const report = (await res.json()) as { importId: string; state: string; counts: { new: number } };
    expect(report).toMatchObject({ state: "validated", counts: { new: 10 }, systemCreated: true });
    expect(await t.db.$count(customers)).toBe(before);
    expect(fs.existsSync(`${importDir(t.env)}/${report.importId}`)).toBe(true);

    const apply = await t.postStaff(`/api/staff/imports/${report.importId}/apply`, { acceptValid: false }, admin);
    expect(apply.status).toBe(202);
    // The run goes on in the background: poll as the page does until it has ended (a loaded machine is slow).
    let body: { state: string; doneRows: number; totalRows: number; counts: { new: number } } | undefined;
    const deadline = Date.now() + 60_000;
    do {
      await new Promise((resolve) => setTimeout(resolve, 20));
      body = (await (await get(`/api/staff/imports/${report.importId}`)).json()) as typeof body;
    } while ((body?.state === "validating" || body?.state === "applying") && Date.now() < deadline);
    expect(body).toMatchObject({ state: "done", doneRows: 10, totalRows: 10, counts: { new: 10 } });
    expect(await t.db.$count(customers)).toBe(before + 10);
    // The uploaded file is gone once applied (removed just after the run ends); applying again is refused.
    const removedBy = Date.now() + 10_000;
    while (fs.existsSync(`${importDir(t.env)}/${report.importId}`) && Date.now() < removedBy) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(fs.existsSync(`${importDir(t.env)}/${report.importId}`)).toBe(false);
    const again = await t.postStaff(`/api/staff/imports/${report.importId}/apply`, { acceptValid: false }, admin);
    expect(again.status).toBe(409);

    const list = (await (await get("/api/staff/imports")).json()) as { imports: { importId: string }[] };
    expect(list.imports.map((i) => i.importId)).toContain(report.importId);
  });

  it("answers a refused file with its report (200), naming the reason", async () => {
    const res = await upload("external_id;first_name\nx;y\n", { system: "CRM" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: "refused", fileError: { code: "import_delimiter", line: 1 } });
  });

  it("refuses a file over IMPORT_MAX_UPLOAD_MIB with 413, declared or streamed, and keeps nothing", async () => {
    const big = "x".repeat(1024 * 1024 + 10);
    const declared = await upload(big, { length: String(big.length) });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { code: string } }).error.code).toBe("import_too_large");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new TextEncoder().encode("y".repeat(64 * 1024));
        for (let i = 0; i < 20; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const streamed = await upload(stream);
    expect(streamed.status).toBe(413);
    const { error } = (await streamed.json()) as { error: { code: keyof typeof errorMessages } };
    expect(errorMessages[error.code].fi).toContain("pnpm data:import");
    expect(fs.readdirSync(importDir(t.env)).length).toBe(0);
  });

  it("takes only application/octet-stream, and only from admins", async () => {
    expect((await upload(csv("t", 1), { type: "application/json" })).status).toBe(415);
    expect((await upload(csv("t", 1), { type: "text/plain" })).status).toBe(415);
    const agent = await t.signInStaff("agent", "agent-demo-pass");
    expect((await upload(csv("a", 1), { cookie: agent })).status).toBe(403);
    expect((await get("/api/staff/imports", agent)).status).toBe(403);
    expect((await upload(csv("n", 1), { cookie: "" })).status).toBe(401);
  });
});
