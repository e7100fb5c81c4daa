import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

export const getContactHistory = () => callApi(api.contact.history.$get());

export const contactHistoryQueryOptions = () =>
  queryOptions({ queryKey: ["contact", "history"], queryFn: getContactHistory });

export const useContactHistory = () => useQuery(contactHistoryQueryOptions());
