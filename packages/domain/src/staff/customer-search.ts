import { z } from "zod";

export const customerSearchInputSchema = z.object({
  q: z.string().trim().min(2, "search_too_short").max(100, "too_long"),
});

export const customerSearchHitSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  organisations: z.array(z.string()),
});
export type CustomerSearchHit = z.infer<typeof customerSearchHitSchema>;
