import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { importQueryOptions } from "./get-import.ts";

/** Starts applying a dry run's file in the background; the page then follows its progress. */
export const applyImport = ({ id, acceptValid }: { id: string; acceptValid: boolean }) =>
  callApi(api.imports[":id"].apply.$post({ param: { id }, json: { acceptValid } }));

export const useApplyImport = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: applyImport,
    onSuccess: (_, { id }) => queryClient.invalidateQueries({ queryKey: importQueryOptions(id).queryKey }),
  });
};
