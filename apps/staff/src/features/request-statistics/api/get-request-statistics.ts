import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** The period as it stands in the URL; an empty value leaves it to the BFF (the last twelve months). */
export type StatisticsPeriod = { from: string; to: string };

const query = (period: StatisticsPeriod) => ({
  ...(period.from ? { from: period.from } : {}),
  ...(period.to ? { to: period.to } : {}),
});

/** Requests per month of receipt and type: counts and the median days to answer. Each view is audited. */
export const getRequestStatistics = (period: StatisticsPeriod) =>
  callApi(api["request-statistics"].$get({ query: query(period) }));

export const requestStatisticsQueryOptions = (period: StatisticsPeriod) =>
  queryOptions({
    queryKey: ["request-statistics", period],
    queryFn: () => getRequestStatistics(period),
    // Each fetch is an audited view: fetched when the period changes, not again on focus.
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useRequestStatistics = (period: StatisticsPeriod) => useQuery(requestStatisticsQueryOptions(period));

export type RequestStatisticsReport = Awaited<ReturnType<typeof getRequestStatistics>>;
