import type { Context } from "hono";
import { type ClientInfo, clientInfo } from "../../http/client-info.ts";
import type { PortalEnv } from "./context.ts";

/** The customer of this session: whose data every portal route reads and changes, and from where. */
export type SessionCustomer = { id: string; sessionId: string; client: ClientInfo };

export function sessionCustomer(c: Context<PortalEnv>, trustProxy: number): SessionCustomer {
  return { id: c.get("subject").id, sessionId: c.get("session").id, client: clientInfo(c, trustProxy) };
}
