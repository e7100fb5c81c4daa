import type { Db } from "../../db/port.ts";
import type { OutboxRow } from "./outbox.ts";

/*
 * TEMPORARY stand-in (helper "deliveries", issue 13): helper "events" owns this file and its real
 * `renderWebhookBody`, which builds a webhook row's payload again from the customer's current state. Until the merge
 * nothing can be rendered, so a webhook whose body was dropped is not replayable here. The lead takes events' file.
 */
export async function renderWebhookBody(_db: Db, _row: OutboxRow): Promise<unknown | null> {
  return null;
}
