import { queryOptions } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "./api-client.ts";

/** The customer's whole record. "My data" shows it and the contact page edits its profile: one cache entry. */
export const getMyData = () => callApi(api["my-data"].$get());

export const myDataQueryOptions = () => queryOptions({ queryKey: ["my-data"], queryFn: getMyData });
