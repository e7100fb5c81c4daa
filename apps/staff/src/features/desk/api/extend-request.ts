import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useRequestAction } from "../utils/use-request-action.ts";

/** Extends the deadline once by one or two months (409 extension_not_allowed otherwise); the customer is mailed the reasons. */
export const extendRequest = ({ id, months, reasons }: { id: string; months: 1 | 2; reasons: string }) =>
  callApi(api.requests[":id"].extend.$post({ param: { id }, json: { months, reasons } }));

export const useExtendRequest = (id: string) =>
  useRequestAction(id, (input: { months: 1 | 2; reasons: string }) => extendRequest({ id, ...input }));
