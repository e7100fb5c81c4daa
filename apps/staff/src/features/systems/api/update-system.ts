import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";
import { systemsQueryOptions } from "./get-systems.ts";

export type UpdateSystemInput = InferRequestType<(typeof api.systems)[":id"]["$patch"]>["json"];

export const updateSystem = ({ id, input }: { id: string; input: UpdateSystemInput }) =>
  callApi(api.systems[":id"].$patch({ param: { id }, json: input }));

/** Renames a system or points it to another party of the notice. */
export const useUpdateSystem = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSystem,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemsQueryOptions().queryKey }),
  });
};
