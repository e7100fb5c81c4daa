import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";

export type CorrectCustomerBody = InferRequestType<(typeof api.records)[":id"]["fields"]["$patch"]>["json"];

/** A correction of any of the customer's fields, with the staff member's reason. */
export const correctCustomer = ({ id, json }: { id: string; json: CorrectCustomerBody }) =>
  callApi(api.records[":id"].fields.$patch({ param: { id }, json }));

/** Afterwards the customer's record (the customers feature's query, key ["customers", id]) is read again. */
export const useCorrectCustomer = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: CorrectCustomerBody) => correctCustomer({ id, json }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["customers", id] }),
  });
};
