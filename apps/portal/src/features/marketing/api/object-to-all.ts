import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { marketingQueryOptions } from "./get-marketing.ts";
import { marketingMutationKey } from "./set-objections.ts";

export const objectToAll = () => callApi(api.marketing["object-all"].$post());

/** "Object to all marketing": the answer is the whole view, so it replaces the cached one. */
export const useObjectToAll = () => {
  const queryClient = useQueryClient();
  const { queryKey } = marketingQueryOptions();
  return useMutation({
    mutationKey: marketingMutationKey,
    mutationFn: objectToAll,
    onSuccess: (data) => {
      if (queryClient.isMutating({ mutationKey: marketingMutationKey }) === 1) queryClient.setQueryData(queryKey, data);
    },
    onError: () => queryClient.invalidateQueries({ queryKey }),
  });
};
