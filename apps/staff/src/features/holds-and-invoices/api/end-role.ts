import type { RoleEndInput } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useRecordChange } from "./use-record-change.ts";

/** Ends an organisation role on a day (a future day keeps it active until then). */
export const endRole = (id: string, roleId: string, json: RoleEndInput) =>
  callApi(api.records[":id"].roles[":roleId"].end.$post({ param: { id, roleId }, json }));

export const useEndRole = (id: string) =>
  useRecordChange(id, ({ roleId, ...json }: RoleEndInput & { roleId: string }) => endRole(id, roleId, json));
