import { queryOptions, useQuery } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** Whether an erasure needs a second person (issue 14 D), with who switched it, when and why. */
export const getFourEyes = () => callApi(api["four-eyes"].$get());

export const fourEyesQueryOptions = () =>
  queryOptions({ queryKey: ["four-eyes"], queryFn: getFourEyes, staleTime: 30_000 });

export const useFourEyes = () => useQuery(fourEyesQueryOptions());

export type FourEyes = Awaited<ReturnType<typeof getFourEyes>>;
