import { createQueryClient } from "@tietoni/ui";

export const queryClient = createQueryClient();
