import type { Context } from "hono";
import { clientInfo } from "../../http/client-info.ts";
import type { StaffActor } from "../../services/audit.ts";
import type { StaffEnv } from "./context.ts";

/** The staff actor of this request (id, role, client address), for services that audit what the person does. */
export function staffActor(c: Context<StaffEnv>, trustProxy: number): StaffActor {
  const { id, role } = c.get("subject");
  return { id, role, ip: clientInfo(c, trustProxy).ip };
}
