import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";
import { customerRecordKey } from "../../../lib/query-roots.ts";

export type RecordDisclosureBody = InferRequestType<(typeof api.customers)[":id"]["disclosures"]["$post"]>["json"];

/** A disclosure staff record by hand: to a collection agency, the accounting partner, an authority. */
export const recordDisclosure = ({ id, json }: { id: string; json: RecordDisclosureBody }) =>
  callApi(api.customers[":id"].disclosures.$post({ param: { id }, json }));

export const useRecordDisclosure = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: RecordDisclosureBody) => recordDisclosure({ id, json }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...customerRecordKey(id), "disclosures"] }),
  });
};
