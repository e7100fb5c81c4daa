import demoNoticeFile from "../../../../notices/mastermark.json" with { type: "json" };
import { registerDescriptionSchema } from "./register-description.ts";

/**
 * For tests only (not exported by the package): the demo notice, notices/mastermark.json, parsed by the schema the
 * BFF uses at start. Rules take the notice as a parameter; their tests pass this one.
 */
export const demoNotice = registerDescriptionSchema.parse(demoNoticeFile);
