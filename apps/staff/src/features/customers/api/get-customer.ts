import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { customerRecordKey } from "../../../lib/query-roots.ts";

export const getCustomer = (id: string) => callApi(api.customers[":id"].$get({ param: { id } }));

/** Not cached between visits: each opening is a read that the BFF audits. */
export const customerQueryOptions = (id: string) =>
  queryOptions({ queryKey: customerRecordKey(id), queryFn: () => getCustomer(id), staleTime: 0, gcTime: 0 });

export const useCustomer = (id: string) => useQuery(customerQueryOptions(id));
