import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";
import { systemsQueryOptions } from "./get-systems.ts";

export type CreateApiClientInput = InferRequestType<(typeof api.systems)[":id"]["clients"]["$post"]>["json"];

export const createApiClient = ({ systemId, input }: { systemId: string; input: CreateApiClientInput }) =>
  callApi(api.systems[":id"].clients.$post({ param: { id: systemId }, json: input }));

/** A new client: the answer carries its token, the only time it is ever shown. */
export const useCreateApiClient = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiClient,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemsQueryOptions().queryKey }),
  });
};
