import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";
import { fourEyesQueryOptions } from "./get-four-eyes.ts";

export type FourEyesInput = InferRequestType<(typeof api)["four-eyes"]["$put"]>["json"];

export const setFourEyes = (input: FourEyesInput) => callApi(api["four-eyes"].$put({ json: input }));

/** Switches four eyes off (a staff of one, with a reason) or on again; the audit trail keeps the change. */
export const useSetFourEyes = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setFourEyes,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fourEyesQueryOptions().queryKey }),
  });
};
