import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { SetObjectionsInput } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { marketingQueryOptions } from "./get-marketing.ts";

export const setObjections = (input: SetObjectionsInput) => callApi(api.marketing.$put({ json: input }));

/** Shared by every marketing change, so one change can tell whether another is still on its way. */
export const marketingMutationKey = ["marketing", "change"] as const;

/**
 * Each switch is saved as soon as it is toggled, and shown at once (optimistic). The answer carries the
 * whole view, which becomes the cached one when no other change is pending. It is not re-read with GET:
 * a GET from a browser sending GPC objects to everything again, undoing the switch just turned off.
 */
export const useSetObjections = () => {
  const queryClient = useQueryClient();
  const { queryKey } = marketingQueryOptions();
  return useMutation({
    mutationKey: marketingMutationKey,
    mutationFn: setObjections,
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData(queryKey);
      queryClient.setQueryData(queryKey, (old) => {
        if (!old) return old;
        const objections = { ...old.objections };
        for (const change of input.changes) objections[change.purpose] = change.objected;
        return { ...old, objections };
      });
      return { previous };
    },
    onSuccess: (data) => {
      if (queryClient.isMutating({ mutationKey: marketingMutationKey }) === 1) queryClient.setQueryData(queryKey, data);
    },
    onError: (_err, _input, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
      return queryClient.invalidateQueries({ queryKey });
    },
  });
};
