import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** The customer's objections, their history, and whether this browser sends Global Privacy Control. */
export const getMarketing = () => callApi(api.marketing.$get());

export type MarketingView = Awaited<ReturnType<typeof getMarketing>>;

export const marketingQueryOptions = () => queryOptions({ queryKey: ["marketing"], queryFn: getMarketing });

export const useMarketing = () => useQuery(marketingQueryOptions());
