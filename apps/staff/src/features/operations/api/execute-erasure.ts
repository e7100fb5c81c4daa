import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useOperation } from "../utils/use-operation.ts";

/** Carries out the erasure as anonymisation; while a ground holds, erases what no ground covers (`partial`). */
export const executeErasure = (requestId: string) =>
  callApi(api.operations.erasure[":requestId"].execute.$post({ param: { requestId } }));

export const useExecuteErasure = () => useOperation(executeErasure);
