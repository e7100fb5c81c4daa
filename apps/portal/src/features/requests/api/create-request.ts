import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateRequestInput } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { erasureAssessmentQueryOptions } from "./get-erasure-assessment.ts";
import { requestsQueryOptions } from "./get-requests.ts";

export const createRequest = (input: CreateRequestInput) => callApi(api.requests.$post({ json: input }));

export const useCreateRequest = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createRequest,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: requestsQueryOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: erasureAssessmentQueryOptions().queryKey }),
      ]),
  });
};
