import type { StaffHoldClearInput } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useRecordChange } from "./use-record-change.ts";

/** Clears a hold: done at once for an admin, `pending` (waiting for a second person) for an agent. */
export const clearHold = (id: string, holdId: string, json: StaffHoldClearInput) =>
  callApi(api.records[":id"].holds[":holdId"].clear.$post({ param: { id, holdId }, json }));

export const useClearHold = (id: string) =>
  useRecordChange(id, ({ holdId, ...json }: StaffHoldClearInput & { holdId: string }) => clearHold(id, holdId, json));
