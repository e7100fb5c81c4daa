import { z } from "zod";
import { customerIdSchema, staffIdSchema } from "../common/ids.ts";
import { daysLeft } from "../requests/deadlines.ts";
import { createRequestInputSchema, requestChannels, requestStates, requestTypes } from "../requests/request-model.ts";

export type DueStatus = "ok" | "soon" | "overdue";

/**
 * How urgent a pending request is: amber ("soon") when under a quarter of its period is left, red when
 * overdue. The period runs from receipt to the current deadline (extended or not).
 */
export function dueStatus(receivedOn: string, dueOn: string, today: string): DueStatus {
  const left = daysLeft(dueOn, today);
  if (left < 0) return "overdue";
  return left < daysLeft(dueOn, receivedOn) / 4 ? "soon" : "ok";
}

/** Requests per page of the staff queue: a screenful to read; the pager and the total cover the rest. */
export const QUEUE_PAGE_SIZE = 50;

export const requestQueueQuerySchema = z.object({
  state: z.enum([...requestStates, "open"]).optional(),
  type: z.enum(requestTypes).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  mine: z.enum(["true", "false"]).optional(),
  q: z.string().trim().max(100, "too_long").optional(),
  /** 1 = the first page. */
  page: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/, "invalid_input")
    .transform(Number)
    .optional(),
});

const reasons = z.string().trim().min(10, "reasons_required").max(4000, "too_long");

export const refuseRequestInputSchema = z.object({ reasons });
export const extendRequestInputSchema = z.object({ months: z.union([z.literal(1), z.literal(2)]), reasons });
export const completeRequestInputSchema = z.object({ note: z.string().trim().max(4000, "too_long").default("") });
export const requestNoteInputSchema = z.object({ note: z.string().trim().min(1, "required").max(4000, "too_long") });
export const assignRequestInputSchema = z.object({
  staffUserId: staffIdSchema.nullable(),
});

/** A request that arrived on paper or by e-mail: the deadline runs from the day it was received. */
export const registerRequestInputSchema = z.object({
  customerId: customerIdSchema,
  channel: z.enum(requestChannels).exclude(["portal"]),
  receivedOn: z.iso.date("date_invalid"),
  request: createRequestInputSchema,
});
