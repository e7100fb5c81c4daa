import { type RequestType, requestTypes } from "@tietoni/domain";

/** What the list page is told after a request was sent, through the router's location state. */
export type RequestSent = { type: RequestType; dueOn: string };

export const requestSentState = (sent: RequestSent) => ({ requestSent: sent });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isRequestType = (v: unknown): v is RequestType => requestTypes.some((type) => type === v);

/** Reads the state written by `requestSentState`; anything else (a reload, a bookmark) is null. */
export function readRequestSent(state: unknown): RequestSent | null {
  if (!isRecord(state) || !isRecord(state.requestSent)) return null;
  const { type, dueOn } = state.requestSent;
  return isRequestType(type) && typeof dueOn === "string" ? { type, dueOn } : null;
}
