import type { Locale } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import type { Tx } from "../db/port.ts";
import { customers } from "../db/schema.ts";
import { type AuditActor, appendAudit } from "./audit.ts";

/*
 * The customer's mail language (issue 13, `customers.language`): every mail to them goes in it (domain mailLanguage).
 * It is set at sign-in from the portal's language, by an import or the API (services/ingest), or by staff on the
 * record (staff-records.ts). Each change is audited as `customer.language_changed` with who made it.
 */

/**
 * Records `language` as the customer's mail language in the caller's transaction; audited only when it changes
 * (a sign-in in the same language as before writes nothing). Answers whether it changed.
 */
export async function recordMailLanguage(
  tx: Tx,
  {
    customerId,
    language,
    actor,
    ip,
    at,
  }: {
    customerId: string;
    language: Locale;
    actor: AuditActor;
    ip: string | null;
    at: number;
  },
): Promise<boolean> {
  const row = await tx
    .select({ language: customers.language })
    .from(customers)
    .where(eq(customers.id, customerId))
    .get();
  if (!row || row.language === language) return false;
  await tx.update(customers).set({ language }).where(eq(customers.id, customerId));
  await appendAudit(tx, languageChanged(actor, customerId, row.language, language, ip), at);
  return true;
}

/** The audit entry of a change of mail language: the two language codes, which name no one. */
export function languageChanged(
  actor: AuditActor,
  customerId: string,
  from: Locale | null,
  to: Locale | null,
  ip: string | null,
) {
  return { actor, action: "customer.language_changed" as const, customerId, detail: { from, to }, ip };
}
