import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** Every disclosure of the signed-in customer's data, newest first (issue 13). */
export const getDisclosures = () => callApi(api.disclosures.$get());

export const disclosuresQueryOptions = () => queryOptions({ queryKey: ["disclosures"], queryFn: getDisclosures });

export const useDisclosures = () => useQuery(disclosuresQueryOptions());
