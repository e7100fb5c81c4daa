import { confirmEmailChangeInputSchema, startEmailChangeInputSchema, updateContactInputSchema } from "@tietoni/domain";
import { Hono } from "hono";
import { emailChangeCodeMail, emailChangedNoticeMail } from "../../mail/templates.ts";
import { validate } from "../../middleware/api-errors/validate.ts";
import {
  confirmEmailChange,
  maskEmail,
  readFieldChanges,
  startEmailChange,
  updateContact,
} from "../../services/contact.ts";
import type { PortalContext, PortalEnv } from "./context.ts";

const restricted = { error: { code: "record_restricted", message: "Processing of the record is restricted" } } as const;

/** The customer's own corrections of their contact fields (Art. 16), and the history of every change. */
export function contactRoutes({ db, mailer, now, requireCustomer }: PortalContext) {
  return new Hono<PortalEnv>()
    .use(requireCustomer)
    .patch("/", validate("json", updateContactInputSchema), (c) => {
      const result = updateContact(db, c.get("subject").id, c.req.valid("json"), now());
      if (!result.ok) {
        if (result.code === "record_restricted") return c.json(restricted, 409);
        return c.json({ error: { code: "not_found", message: "No record" } } as const, 404);
      }
      return c.json({ changed: result.changed }, 200);
    })
    .post("/email", validate("json", startEmailChangeInputSchema), (c) => {
      const { email } = c.req.valid("json");
      const result = startEmailChange(db, c.get("subject").id, email, now());
      if (!result.ok) {
        if (result.code === "record_restricted") return c.json(restricted, 409);
        return c.json({ error: { code: "email_unchanged", message: "This is the current address" } } as const, 400);
      }
      mailer.send(emailChangeCodeMail(email, result.code)).catch((err) => {
        console.error("[mail] e-mail change code not sent", err);
      });
      return c.json({ sent: true }, 202);
    })
    .post("/email/confirm", validate("json", confirmEmailChangeInputSchema), (c) => {
      const { code } = c.req.valid("json");
      const result = confirmEmailChange(db, c.get("subject").id, c.get("session").id, code, now());
      if (!result.ok) {
        if (result.code === "record_restricted") return c.json(restricted, 409);
        if (result.code === "email_unavailable") {
          return c.json({ error: { code: "email_unavailable", message: "Address cannot be used" } } as const, 409);
        }
        return c.json({ error: { code: "code_invalid", message: "Wrong or expired code" } } as const, 400);
      }
      // The old address hears of the change, so a change the owner did not make does not go unnoticed.
      if (result.oldEmail) {
        mailer.send(emailChangedNoticeMail(result.oldEmail, maskEmail(result.newEmail))).catch((err) => {
          console.error("[mail] e-mail change notice not sent", err);
        });
      }
      return c.json({ email: result.newEmail }, 200);
    })
    .get("/history", (c) => {
      return c.json({ changes: readFieldChanges(db, c.get("subject").id) }, 200);
    });
}
