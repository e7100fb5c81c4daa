import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";
import { useRequestAction } from "../utils/use-request-action.ts";

export type VerifyIdentityBody = InferRequestType<(typeof api.requests)[":id"]["identity"]["$post"]>["json"];

/** Records how a paper access request's requester proved who they are (issue 12). */
export const verifyIdentity = ({ id, json }: { id: string; json: VerifyIdentityBody }) =>
  callApi(api.requests[":id"].identity.$post({ param: { id }, json }));

export const useVerifyIdentity = (id: string) =>
  useRequestAction(id, (json: VerifyIdentityBody) => verifyIdentity({ id, json }));
