import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** Which grounds block erasure now and what would be kept anyway, as the domain computes them. */
export const getErasureAssessment = () => callApi(api.erasure.assessment.$get());

export const erasureAssessmentQueryOptions = () =>
  queryOptions({ queryKey: ["erasure", "assessment"], queryFn: getErasureAssessment });

export const useErasureAssessment = () => useQuery(erasureAssessmentQueryOptions());
