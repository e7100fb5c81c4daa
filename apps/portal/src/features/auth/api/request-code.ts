import { useMutation } from "@tanstack/react-query";
import type { RequestCodeInput } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

export const requestCode = (input: RequestCodeInput) => callApi(api.auth["request-code"].$post({ json: input }));

export const useRequestCode = () => useMutation({ mutationFn: requestCode });
