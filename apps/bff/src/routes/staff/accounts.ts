import { createStaffInputSchema, resetPasswordInputSchema, updateStaffInputSchema } from "@tietoni/domain";
import { asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { isCommonPassword } from "../../auth/common-passwords.ts";
import { hashPassword } from "../../auth/passwords.ts";
import { requirePermission } from "../../auth/permissions.ts";
import { randomToken } from "../../auth/tokens.ts";
import { staffUsers } from "../../db/schema.ts";
import { clientInfo } from "../../http/client-info.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import { appendAudit } from "../../services/audit.ts";
import type { StaffContext, StaffEnv } from "./context.ts";

const staffIdParamSchema = z.object({ id: z.string().regex(/^[a-z0-9-]{1,64}$/, "id_invalid") });

type StaffRow = typeof staffUsers.$inferSelect;

/** What the staff app sees of an account: never the password hash or the two-factor secret. */
function accountView(row: StaffRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    confidentialitySignedOn: row.confidentialitySignedOn,
    disabled: row.disabledAt !== null,
    totpEnabled: row.totpEnabledAt !== null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

const passwordCommon = {
  error: {
    code: "password_common",
    message: "Password is too common",
    fields: [{ path: "password", code: "password_common" }],
  },
} as const;
const notFound = { error: { code: "not_found", message: "No such staff account" } } as const;

/**
 * Administrators manage the named staff accounts (the notice: only named staff with a signed confidentiality
 * commitment). Every change is audited in its own transaction; passwords and secrets never reach the trail.
 */
export function accountsRoutes({ db, env, now, sessions, requireStaff }: StaffContext) {
  return new Hono<StaffEnv>()
    .use(requireStaff)
    .use(requirePermission("staff:manage"))
    .get("/", (c) => {
      const rows = db.select().from(staffUsers).orderBy(asc(staffUsers.username)).all();
      return c.json({ staff: rows.map(accountView) }, 200);
    })
    .post("/", validate("json", createStaffInputSchema), async (c) => {
      const input = c.req.valid("json");
      if (isCommonPassword(input.password)) return c.json(passwordCommon, 400);
      const taken = () =>
        c.json(
          {
            error: {
              code: "username_taken",
              message: "User name in use",
              fields: [{ path: "username", code: "username_taken" }],
            },
          } as const,
          409,
        );
      if (db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, input.username)).get()) {
        return taken();
      }
      const passwordHash = await hashPassword(input.password);
      const actor = c.get("subject");
      const at = now();
      const row: StaffRow = {
        id: randomToken(),
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
        confidentialitySignedOn: input.confidentialitySignedOn,
        disabledAt: null,
        createdAt: at,
        totpSecret: null,
        totpEnabledAt: null,
        passwordChangedAt: at,
      };
      const created = db.transaction((tx) => {
        // Checked again inside the write: another admin may have taken the name while the password hashed.
        if (tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.username, row.username)).get()) {
          return false;
        }
        tx.insert(staffUsers).values(row).run();
        appendAudit(
          tx,
          {
            actor: { type: "staff", id: actor.id, role: actor.role },
            action: "staff.created",
            detail: { staffUserId: row.id, role: row.role, confidentialitySignedOn: row.confidentialitySignedOn },
            ip: clientInfo(c, env.TRUST_PROXY).ip,
          },
          at,
        );
        return true;
      });
      if (!created) return taken();
      return c.json(accountView(row), 201);
    })
    .patch("/:id", validate("param", staffIdParamSchema), validate("json", updateStaffInputSchema), (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const actor = c.get("subject");
      const current = db.select().from(staffUsers).where(eq(staffUsers.id, id)).get();
      if (!current) return c.json(notFound, 404);
      // Locking oneself out would leave the register without the admin who made the mistake.
      const selfLockout =
        id === actor.id &&
        (input.disabled === true || input.role === "agent" || input.confidentialitySignedOn === null);
      if (selfLockout) {
        return c.json(
          { error: { code: "invalid_state", message: "You cannot disable or demote yourself" } } as const,
          409,
        );
      }
      const at = now();
      const disabledAt =
        input.disabled === undefined ? current.disabledAt : input.disabled ? (current.disabledAt ?? at) : null;
      const next: StaffRow = {
        ...current,
        displayName: input.displayName ?? current.displayName,
        role: input.role ?? current.role,
        confidentialitySignedOn:
          input.confidentialitySignedOn === undefined ? current.confidentialitySignedOn : input.confidentialitySignedOn,
        disabledAt,
      };
      const changed = (["displayName", "role", "confidentialitySignedOn", "disabledAt"] as const).filter(
        (field) => next[field] !== current[field],
      );
      // Disabling, withdrawing the commitment or changing the role ends the person's sessions: the next
      // sign-in happens under the new terms.
      const endSessions =
        (next.disabledAt !== null && current.disabledAt === null) ||
        (next.confidentialitySignedOn === null && current.confidentialitySignedOn !== null) ||
        next.role !== current.role;
      db.transaction((tx) => {
        tx.update(staffUsers)
          .set({
            displayName: next.displayName,
            role: next.role,
            confidentialitySignedOn: next.confidentialitySignedOn,
            disabledAt: next.disabledAt,
          })
          .where(eq(staffUsers.id, id))
          .run();
        if (endSessions) sessions.invalidateAll(id);
        appendAudit(
          tx,
          {
            actor: { type: "staff", id: actor.id, role: actor.role },
            action: "staff.updated",
            // The display name is a person's name: the trail records that it changed, not what to.
            detail: {
              staffUserId: id,
              changed: changed.map((f) => (f === "disabledAt" ? "disabled" : f)),
              role: next.role,
              disabled: next.disabledAt !== null,
              confidentialitySignedOn: next.confidentialitySignedOn,
              sessionsEnded: endSessions,
            },
            ip: clientInfo(c, env.TRUST_PROXY).ip,
          },
          at,
        );
      });
      return c.json(accountView(next), 200);
    })
    .post(
      "/:id/reset-password",
      validate("param", staffIdParamSchema),
      validate("json", resetPasswordInputSchema),
      async (c) => {
        const { id } = c.req.valid("param");
        const { password } = c.req.valid("json");
        const actor = c.get("subject");
        if (!db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.id, id)).get()) {
          return c.json(notFound, 404);
        }
        if (isCommonPassword(password)) return c.json(passwordCommon, 400);
        const passwordHash = await hashPassword(password);
        const at = now();
        db.transaction((tx) => {
          tx.update(staffUsers).set({ passwordHash, passwordChangedAt: at }).where(eq(staffUsers.id, id)).run();
          // Whoever knew the old password may hold a session: all of them end.
          sessions.invalidateAll(id);
          appendAudit(
            tx,
            {
              actor: { type: "staff", id: actor.id, role: actor.role },
              action: "staff.password_reset",
              detail: { staffUserId: id },
              ip: clientInfo(c, env.TRUST_PROXY).ip,
            },
            at,
          );
        });
        return c.json({ passwordReset: true }, 200);
      },
    )
    .post("/:id/reset-totp", validate("param", staffIdParamSchema), (c) => {
      const { id } = c.req.valid("param");
      const actor = c.get("subject");
      const current = db.select().from(staffUsers).where(eq(staffUsers.id, id)).get();
      if (!current) return c.json(notFound, 404);
      // For a lost phone: another admin clears the second factor and the person enrols again.
      if (id === actor.id) {
        return c.json({ error: { code: "invalid_state", message: "Ask another administrator" } } as const, 409);
      }
      const at = now();
      db.transaction((tx) => {
        tx.update(staffUsers).set({ totpSecret: null, totpEnabledAt: null }).where(eq(staffUsers.id, id)).run();
        sessions.invalidateAll(id);
        appendAudit(
          tx,
          {
            actor: { type: "staff", id: actor.id, role: actor.role },
            action: "staff.totp.reset",
            detail: { staffUserId: id, wasEnabled: current.totpEnabledAt !== null },
            ip: clientInfo(c, env.TRUST_PROXY).ip,
          },
          at,
        );
      });
      return c.json(accountView({ ...current, totpSecret: null, totpEnabledAt: null }), 200);
    });
}
