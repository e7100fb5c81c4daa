import fs from "node:fs";
import path from "node:path";
import { type ApprovalOperation, approvalOperations, mayDecideApproval, runsWithoutApproval } from "@tietoni/domain";
import { describe, expect, it } from "vitest";
import { hasPermission, type Permission, rolePermissions, type StaffRole } from "../auth/permissions.ts";

/*
 * docs/security.md › "Issue 12 E — who may do what" is the role × operation table; this test reads it and holds it
 * to `rolePermissions` and the four-eyes rule, so the document cannot drift from what the BFF enforces.
 */

const doc = fs.readFileSync(path.join(import.meta.dirname, "../../../../docs/security.md"), "utf8");

type Row = {
  operation: string;
  permission: string;
  fourEyes: string | null;
  agent: string;
  admin: string;
  dpo: string;
};

function tableRows(): Row[] {
  const start = doc.indexOf("### Issue 12 E — who may do what");
  expect(start).toBeGreaterThan(-1);
  const section = doc.slice(start).split("\n### ")[0] ?? "";
  const lines = section.split("\n").filter((l) => l.trim().startsWith("|"));
  return lines.slice(2).map((line) => {
    const cells = line
      .trim()
      .slice(1, -1)
      .split("|")
      .map((c) => c.trim());
    const [operation = "", permission = "", fourEyes = "", agent = "", admin = "", dpo = ""] = cells;
    const code = (s: string) => s.match(/^`([^`]+)`$/)?.[1] ?? null;
    return { operation, permission: code(permission) ?? permission, fourEyes: code(fourEyes), agent, admin, dpo };
  });
}

const allPermissions = [...new Set(Object.values(rolePermissions).flat())] as Permission[];

describe("docs/security.md's role × operation table", () => {
  const rows = tableRows();

  it("has a row for every permission and every four-eyes operation, and names only real ones", () => {
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(allPermissions, row.operation).toContain(row.permission);
    expect(new Set(rows.map((r) => r.permission))).toEqual(new Set(allPermissions));
    expect(rows.flatMap((r) => (r.fourEyes ? [r.fourEyes] : [])).sort()).toEqual([...approvalOperations].sort());
  });

  it("says for each role what the permissions and the approval rule enforce", () => {
    for (const row of rows) {
      for (const role of Object.keys(rolePermissions) as StaffRole[]) {
        const permitted = hasPermission(role, row.permission as Permission);
        const direct = runsWithoutApproval(role, row.fourEyes as ApprovalOperation | null);
        const expected = !permitted ? "no" : direct ? "yes" : "with approval";
        expect(row[role], `${row.operation} as ${role}`).toBe(expected);
      }
    }
  });

  it("matches the approval rule: both roles may decide another person's request, never their own", () => {
    const open = { requestedBy: "someone", decidedAt: null };
    const row = rows.find((r) => r.operation.startsWith("Approve or reject"));
    for (const role of Object.keys(rolePermissions) as StaffRole[]) {
      expect(mayDecideApproval(open, { id: "another", role }).ok).toBe(row?.[role] === "yes");
      expect(mayDecideApproval(open, { id: "someone", role }).ok).toBe(false);
    }
  });
});
