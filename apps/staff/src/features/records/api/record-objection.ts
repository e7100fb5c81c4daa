import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";

export type RecordObjectionBody = InferRequestType<(typeof api.records)[":id"]["objections"]["$post"]>["json"];

/** An objection (or a withdrawal the customer asked for) that came by phone, letter or e-mail. */
export const recordObjection = ({ id, json }: { id: string; json: RecordObjectionBody }) =>
  callApi(api.records[":id"].objections.$post({ param: { id }, json }));

export const useRecordObjection = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: RecordObjectionBody) => recordObjection({ id, json }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["customers", id] }),
  });
};
