import { sha256Hex } from "./tokens.ts";

/*
 * The integration API's bearer token: `tti_<clientId>_<secret>`, shown once when an admin creates or rotates an API
 * client. Only `clientSecretHash(secret)` is stored. The secret is 32 random bytes (256 bits), so a plain SHA-256 is
 * enough, as for session secrets: no guessing attack on such a secret is helped by a slow hash.
 */

const TOKEN = /^Bearer tti_([a-z0-9]{1,64})_([a-z0-9]{20,128})$/;

/** The client id and secret of an `Authorization` header, or null when it is not a well-formed client token. */
export function parseClientToken(header: string | undefined): { clientId: string; secret: string } | null {
  const match = TOKEN.exec(header ?? "");
  if (!match?.[1] || !match[2]) return null;
  return { clientId: match[1], secret: match[2] };
}

/** What is stored of a client's secret (`api_clients.secret_hash`). */
export function clientSecretHash(secret: string): string {
  return sha256Hex(secret);
}
