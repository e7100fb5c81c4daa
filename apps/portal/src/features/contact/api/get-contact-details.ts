import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** The contact page reads the same record as "My data", so both share one cache entry. */
export const getContactDetails = () => callApi(api["my-data"].$get());

export const contactDetailsQueryOptions = () => queryOptions({ queryKey: ["my-data"], queryFn: getContactDetails });

export const useContactDetails = () =>
  useQuery({ ...contactDetailsQueryOptions(), select: (record) => record.profile });
