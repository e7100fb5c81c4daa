import type { StaffHoldSetInput } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useRecordChange } from "./use-record-change.ts";

/** Sets a legal hold (400 hold_end_in_past for a last day already gone). */
export const setHold = (id: string, json: StaffHoldSetInput) =>
  callApi(api.records[":id"].holds.$post({ param: { id }, json }));

export const useSetHold = (id: string) => useRecordChange(id, (json: StaffHoldSetInput) => setHold(id, json));
