import { useQuery } from "@tanstack/react-query";
import { myDataQueryOptions } from "../../../lib/my-data.ts";

export const useMyData = () => useQuery(myDataQueryOptions());
