import { isReplayableMail, type Locale } from "@tietoni/domain";
import { eq } from "drizzle-orm";
import type { Db } from "../db/port.ts";
import { restrictions } from "../db/schema.ts";
import { customerMailLanguage } from "../notice/notice.ts";
import { findActiveCustomer } from "../services/customer-record.ts";
import type { OutboxRow } from "../services/outbox/outbox.ts";
import { loadRequestView } from "../services/requests.ts";
import { requestExtendedMail, requestRefusedMail } from "./decision-templates.ts";
import { toStored } from "./mail-queue.ts";
import type { MailMessage } from "./mailer.ts";
import { restrictionLiftNoticeMail } from "./operation-templates.ts";

/*
 * A mail's body is dropped once it is delivered or dead (issue 13: the outbox keeps metadata only). When an admin
 * retries or replays one of the notices the law requires, it is rendered again from the row's params (ids only) with
 * the customer's current address: the refusal or extension from its request, the lift notice from its restriction.
 * Any other mail, and any customer since erased, cannot be rendered again (null): a code mail's code is never rebuilt.
 */
export async function renderMailBody(db: Db, row: OutboxRow): Promise<unknown | null> {
  if (row.kind !== "mail" || !isReplayableMail(row.topic) || row.customerId === null) return null;
  const params = parseParams(row.params);
  const customer = await findActiveCustomer(db, row.customerId);
  const to = customer?.email ?? null;
  if (!customer || !to) return null;
  // In the customer's language as it is now, like the address.
  const message = await render(db, row.topic, params, to, customerMailLanguage(customer.language));
  return message ? toStored(message) : null;
}

async function render(
  db: Db,
  topic: string,
  params: Record<string, string>,
  to: string,
  locale: Locale,
): Promise<MailMessage | null> {
  if (topic === "restriction_lift_notice") {
    if (!params.restrictionId) return null;
    const r = await db.select().from(restrictions).where(eq(restrictions.id, params.restrictionId)).get();
    return r ? restrictionLiftNoticeMail(to, locale) : null;
  }
  if (!params.requestId) return null;
  const request = await loadRequestView(db, params.requestId);
  if (!request) return null;
  if (topic === "request_refused") return request.state === "refused" ? requestRefusedMail(to, locale, request) : null;
  if (topic === "request_extended") return request.extension ? requestExtendedMail(to, locale, request) : null;
  return null;
}

function parseParams(text: string | null): Record<string, string> {
  if (text === null) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}
