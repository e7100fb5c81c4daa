import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

export const getMyData = () => callApi(api["my-data"].$get());

export const myDataQueryOptions = () => queryOptions({ queryKey: ["my-data"], queryFn: getMyData });

export const useMyData = () => useQuery(myDataQueryOptions());
