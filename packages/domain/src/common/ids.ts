import { z } from "zod";

/*
 * The identifier formats, defined once: every route parameter, body field and stored reference uses one of these,
 * so a malformed id is refused the same way (400 "id_invalid") wherever it arrives.
 */

/** A customer's id (seeded `c0000001`, generated lowercase hex). */
export const customerIdSchema = z.string().regex(/^[a-z0-9]{1,40}$/, "id_invalid");

/** A generated token-style id: sessions, requests, staff accounts' rows. */
export const tokenIdSchema = z.string().regex(/^[a-z0-9]{1,64}$/, "id_invalid");

/** A staff account's id, which the demo spells with a hyphen (`staff-agent`). */
export const staffIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, "id_invalid");

/** `{ id }` route parameters. */
export const customerIdParamSchema = z.object({ id: customerIdSchema });
export const tokenIdParamSchema = z.object({ id: tokenIdSchema });
export const staffIdParamSchema = z.object({ id: staffIdSchema });
