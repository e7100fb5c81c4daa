import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** A run's report with its progress. */
export const getImport = (id: string) => callApi(api.imports[":id"].$get({ param: { id } }));

/** Polled while the run goes on (validating again, then applying), so the progress bar moves; still once it has ended. */
export const importQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ["imports", id],
    queryFn: () => getImport(id),
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === "validating" || state === "applying" ? 500 : false;
    },
  });

export const useImport = (id: string | null) => useQuery({ ...importQueryOptions(id ?? ""), enabled: id !== null });
