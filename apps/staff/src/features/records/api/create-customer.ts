import { useMutation } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import type { InferRequestType } from "hono/client";
import { api } from "../../../lib/api-client.ts";

export type CreateCustomerBody = InferRequestType<typeof api.records.$post>["json"];

/** A customer staff create from a phone call, a letter or an e-mail. */
export const createCustomer = (json: CreateCustomerBody) => callApi(api.records.$post({ json }));

export const useCreateCustomer = () => useMutation({ mutationFn: createCustomer });
