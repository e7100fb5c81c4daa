import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** A run's report with its progress. */
export const getImport = (id: string) => callApi(api.imports[":id"].$get({ param: { id } }));

/** Polled while the run is applying, so the progress bar moves; still once it has ended. */
export const importQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ["imports", id],
    queryFn: () => getImport(id),
    refetchInterval: (query) => (query.state.data?.state === "applying" ? 500 : false),
  });

export const useImport = (id: string | null) => useQuery({ ...importQueryOptions(id ?? ""), enabled: id !== null });
