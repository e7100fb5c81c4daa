import { z } from "zod";

/*
 * The staff desk's inbox of incoming data (issue 12): what a connected system sent that was not simply applied and
 * needs a person. A conflict is kept (`keep`, the current value stays) or applied (`apply`, the incoming value now
 * wins, with its field history); a possible duplicate is linked (`link`: the system's id is added to the existing
 * customer, so the next sync updates them) or dismissed; an erased customer's address is dismissed.
 */

export const inboundIssueResolutions = ["keep", "apply", "link", "dismiss"] as const;
export type InboundIssueResolution = (typeof inboundIssueResolutions)[number];

/** Which resolutions fit which kind of issue. */
export const resolutionsOf = {
  conflict: ["keep", "apply"],
  duplicate: ["link", "dismiss"],
  erased: ["dismiss"],
} as const satisfies Record<"conflict" | "duplicate" | "erased", readonly InboundIssueResolution[]>;

export function resolutionFits(kind: string, resolution: InboundIssueResolution): boolean {
  return Object.hasOwn(resolutionsOf, kind)
    ? (resolutionsOf[kind as keyof typeof resolutionsOf] as readonly string[]).includes(resolution)
    : false;
}

export const resolveInboundIssueInputSchema = z.strictObject({
  resolution: z.enum(inboundIssueResolutions, "invalid_input"),
});
export type ResolveInboundIssueInput = z.infer<typeof resolveInboundIssueInputSchema>;

/** An issue's id in a path. */
export const inboundIssueParamSchema = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,11}$/, "id_invalid")
    .transform(Number),
});

/** A page of the inbox: newest first, the next page before the last id shown. */
export const inboundIssuesQuerySchema = z.object({
  before: z
    .string()
    .regex(/^[1-9]\d{0,11}$/, "id_invalid")
    .transform(Number)
    .optional(),
});

export const INBOUND_ISSUES_PAGE = 50;
