import { queryOptions, useQuery } from "@tanstack/react-query";
import type { MarketingPurpose } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { operationsQueries } from "../../../lib/query-roots.ts";

/** How many customers the purpose check lets on the list, and why the others are left out. */
export const getMailingListSummary = (purpose: MarketingPurpose) =>
  callApi(api.operations["mailing-list"].summary.$get({ query: { purpose } }));

export const mailingListSummaryQueryOptions = (purpose: MarketingPurpose) =>
  queryOptions({
    queryKey: [...operationsQueries, "mailing-list", purpose],
    queryFn: () => getMailingListSummary(purpose),
    staleTime: 0,
  });

export const useMailingListSummary = (purpose: MarketingPurpose) => useQuery(mailingListSummaryQueryOptions(purpose));

/** The CSV download is a plain link: the browser streams the file with the session cookie. */
export const mailingListCsvUrl = (purpose: MarketingPurpose) =>
  `/api/staff/operations/mailing-list?purpose=${encodeURIComponent(purpose)}`;
