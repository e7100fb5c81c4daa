import {
  createStaffInputSchema,
  resetPasswordInputSchema,
  staffIdParamSchema,
  updateStaffInputSchema,
} from "@tietoni/domain";
import { Hono } from "hono";
import { requirePermission } from "../../auth/permissions.ts";
import { failure } from "../../http/api-error.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import {
  approveAdministrator,
  createStaffAccount,
  listStaffAccounts,
  resetStaffPassword,
  resetStaffTotp,
  updateStaffAccount,
} from "../../services/staff-accounts.ts";
import { staffActor } from "./actor.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

/**
 * Administrators manage the named staff accounts (the notice: only named staff with a signed confidentiality
 * commitment). Every change is audited; passwords and secrets never reach the trail.
 */
export function accountsRoutes(ctx: StaffContext) {
  const { db, env } = ctx;
  return (
    new Hono<StaffEnv>()
      .use(ctx.requireStaff)
      .use(requirePermission("staff:manage"))
      .get("/", async (c) => c.json({ staff: await listStaffAccounts(db) }, 200))
      .post("/", validate("json", createStaffInputSchema), async (c) => {
        const result = await createStaffAccount(ctx, staffActor(c, env.TRUST_PROXY), c.req.valid("json"));
        if (!result.ok) return failure(c, result);
        return c.json(result.account, 201);
      })
      .patch("/:id", validate("param", staffIdParamSchema), validate("json", updateStaffInputSchema), async (c) => {
        const { id } = c.req.valid("param");
        const result = await updateStaffAccount(ctx, staffActor(c, env.TRUST_PROXY), id, c.req.valid("json"));
        if (!result.ok) return failure(c, result);
        return c.json(result.account, 200);
      })
      .post(
        "/:id/reset-password",
        validate("param", staffIdParamSchema),
        validate("json", resetPasswordInputSchema),
        async (c) => {
          const { id } = c.req.valid("param");
          const { password } = c.req.valid("json");
          const result = await resetStaffPassword(ctx, staffActor(c, env.TRUST_PROXY), id, password);
          if (!result.ok) return failure(c, result);
          return c.json({ passwordReset: true }, 200);
        },
      )
      // Issue 14 D: a second admin lets a waiting administrator in (never the one who made them admin).
      .post("/:id/approve-admin", validate("param", staffIdParamSchema), async (c) => {
        const { id } = c.req.valid("param");
        const result = await approveAdministrator(ctx, staffActor(c, env.TRUST_PROXY), id);
        if (!result.ok) return failure(c, result);
        return c.json(result.account, 200);
      })
      .post("/:id/reset-totp", validate("param", staffIdParamSchema), async (c) => {
        const { id } = c.req.valid("param");
        const result = await resetStaffTotp(ctx, staffActor(c, env.TRUST_PROXY), id);
        if (!result.ok) return failure(c, result);
        return c.json(result.account, 200);
      })
  );
}
