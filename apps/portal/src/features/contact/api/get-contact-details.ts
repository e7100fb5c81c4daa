import { useQuery } from "@tanstack/react-query";
import { myDataQueryOptions } from "../../../lib/my-data.ts";

/** The contact page reads the profile out of the same record as "My data". */
export const useContactDetails = () => useQuery({ ...myDataQueryOptions(), select: (record) => record.profile });
