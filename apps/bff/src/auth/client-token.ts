import { sha256Hex } from "./tokens.ts";

/*
 * The integration API's bearer token (issue 12): `Authorization: Bearer tti_<clientId>_<secret>`. The id finds the
 * client's row; the secret is checked against its stored hash. Only the hash is kept: the secret is shown once.
 * The secret is random (high entropy), so one SHA-256 is enough; a slow password hash would only slow every call.
 */

const TOKEN = /^Bearer tti_([a-z0-9]{1,64})_([a-z0-9]{20,128})$/;

/** The client id and secret of an Authorization header, or null when it is not a well-formed client token. */
export function parseClientToken(header: string | undefined): { clientId: string; secret: string } | null {
  const m = header === undefined ? null : TOKEN.exec(header);
  if (!m) return null;
  return { clientId: m[1] as string, secret: m[2] as string };
}

/** What `api_clients.secret_hash` holds for a secret. */
export function clientSecretHash(secret: string): string {
  return sha256Hex(secret);
}
