import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessionStore } from "../auth/session-store.ts";
import { sessionCookieName } from "../http/session-cookie.ts";
import { createTestContext, STAFF_ORIGIN, type TestContext } from "../test/test-context.ts";
import { runImport } from "./import/run-import.ts";

/*
 * Issue 12's "done means", through the real paths one after the other: a connected system's file brings a customer
 * in, the customer sees where each datum came from and when it is due to be erased, and what staff record (a phone
 * objection, a legal hold and its clearing, the end of the relationship) changes the customer's erasure page and
 * erasure date. Each step's own rules have their tests beside them; this one proves the steps fit together.
 */

let t: TestContext;
let admin: string;
let agent: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tietoni-data-in-"));

async function staffCookie(staffUserId: string) {
  const store = createSessionStore(t.db, { table: "staff_sessions", subject: "staff_user_id" }, t.env.sessionPolicy);
  const { token } = await store.create(staffUserId, t.now(), { ip: null, userAgent: null });
  return `${sessionCookieName(t.env, "staff")}=${token}`;
}

beforeAll(async () => {
  t = await createTestContext();
  admin = await staffCookie("staff-admin");
  agent = await staffCookie("staff-agent");
});
afterAll(() => t.close());

const staffPost = async (url: string, body: unknown, cookie: string) => {
  const res = await t.staff.request(url, {
    method: "POST",
    headers: { "content-type": "application/json", origin: STAFF_ORIGIN, cookie },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("data in, end to end", () => {
  it("an imported customer sees the system and the erasure date; staff facts change the erasure page and date", async () => {
    const email = `iida.tuonti.${Date.now()}@example.com`;
    const file = path.join(dir, "asiakkaat.csv");
    fs.writeFileSync(
      file,
      `external_id,first_name,last_name,email,relationship_start,relationship_end\nshop-1,Iida,Tuonti,${email},2019-03-01,2024-06-30\n`,
    );
    const imported = await runImport(t, {
      filePath: file,
      fileName: "asiakkaat.csv",
      systemName: "Verkkokauppa",
      dryRun: false,
      acceptValid: false,
      actor: { type: "system" },
    });
    expect(imported.ok && imported.report.state).toBe("done");
    expect(imported.ok && imported.report.counts.new).toBe(1);

    const cookie = await t.signInCustomer(email);
    const myData = async () => {
      const res = await t.portal.request("/api/portal/my-data", { headers: { cookie } });
      expect(res.status).toBe(200);
      return (await res.json()) as {
        profile: { id: string };
        sources: { category: string; systemName: string | null }[];
        erasureSchedule: { erasureDueOn: string | null };
      };
    };
    const erasurePage = async () => {
      const res = await t.portal.request("/api/portal/erasure/assessment", { headers: { cookie } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { assessment: { blockers: { ground: string }[] } }).assessment.blockers;
    };
    const first = await myData();
    const id = first.profile.id;
    expect(first.sources.filter((s) => s.systemName === "Verkkokauppa").map((s) => s.category)).toEqual(
      expect.arrayContaining(["name", "email"]),
    );
    // Ten years from the recorded end of the relationship.
    expect(first.erasureSchedule.erasureDueOn).toBe("2034-06-30");
    expect(await erasurePage()).toEqual([]);

    // A phone objection taken by staff applies at once and shows to the customer as staff's.
    const objection = await staffPost(
      `/api/staff/records/${id}/objections`,
      { channel: "phone", purposes: ["directMarketing"], reason: "Asiakas soitti ja kielsi suoramarkkinoinnin" },
      agent,
    );
    expect(objection.status).toBe(200);
    const marketing = (await (await t.portal.request("/api/portal/marketing", { headers: { cookie } })).json()) as {
      objections: Record<string, boolean>;
    };
    expect(marketing.objections.directMarketing).toBe(true);

    // A legal hold blocks erasure; an agent's clearing waits for a second person, whose approval clears it.
    const hold = await staffPost(
      `/api/staff/records/${id}/holds`,
      { reason: "Riita-asia käräjäoikeudessa", reference: "R 26/1234", endsOn: null },
      agent,
    );
    expect(hold.status).toBe(201);
    expect((await erasurePage()).map((b) => b.ground)).toEqual(["legalHold"]);
    const holdId = String(hold.body.holdId);
    const byAgent = await staffPost(
      `/api/staff/records/${id}/holds/${holdId}/clear`,
      { reason: "Asia ratkesi" },
      agent,
    );
    expect(byAgent.status).toBe(202);
    expect((await erasurePage()).map((b) => b.ground)).toEqual(["legalHold"]);
    const approved = await staffPost(`/api/staff/approvals/${String(byAgent.body.approvalId)}/approve`, {}, admin);
    expect(approved.status).toBe(200);
    expect(await erasurePage()).toEqual([]);

    // The end of the relationship recorded by staff moves the erasure date.
    const ended = await staffPost(
      `/api/staff/records/${id}/relationship-end`,
      { endDate: "2025-12-31", reason: "Asiakkuus päättyi asiakkaan ilmoituksesta" },
      agent,
    );
    expect(ended.status).toBe(200);
    expect((await myData()).erasureSchedule.erasureDueOn).toBe("2035-12-31");
  });
});
