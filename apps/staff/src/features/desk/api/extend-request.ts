import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { invalidateRequest } from "../utils/invalidate-request.ts";

/** Extends the deadline once by one or two months (409 extension_not_allowed otherwise); the customer is mailed the reasons. */
export const extendRequest = ({ id, months, reasons }: { id: string; months: 1 | 2; reasons: string }) =>
  callApi(api.requests[":id"].extend.$post({ param: { id }, json: { months, reasons } }));

export const useExtendRequest = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { months: 1 | 2; reasons: string }) => extendRequest({ id, ...input }),
    onSuccess: () => invalidateRequest(queryClient, id),
  });
};
