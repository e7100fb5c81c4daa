import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useOperation } from "../utils/use-operation.ts";

/** Issue 14 A: erases the rest of a partial erasure once its last ground ended; 409 erasure_remainder_held before. */
export const eraseRemainder = (customerId: string) =>
  callApi(api.operations.erasure.remainder[":customerId"].$post({ param: { customerId } }));

export const useEraseRemainder = () => useOperation(eraseRemainder);
