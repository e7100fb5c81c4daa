/*
 * Issue 16: PostgreSQL's side of "the database cannot take this request now" (answer 503, nothing changed) as
 * opposed to a bug: the SQLSTATE classes of a lost or refused connection, exhausted resources, an operator's
 * intervention or a read-only server, and the client library's own connection failures.
 */
const UNAVAILABLE_CLASSES = new Set(["08", "53", "57"]);
const UNAVAILABLE_CODES = new Set([
  "25006", // read_only_sql_transaction: a standby or a read-only default
  "40001", // serialization_failure
  "40P01", // deadlock_detected
  "55P03", // lock_not_available
]);
const CONNECTION_ERRORS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH"]);
const CONNECTION_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Client has encountered a connection error/i,
];

function errorChain(err: unknown): Error[] {
  const chain: Error[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    chain.push(current);
    current = current.cause;
  }
  return chain;
}

/** The driver's words when `err` says the database is unavailable; null for anything else. */
export function unavailableReason(err: unknown): string | null {
  for (const error of errorChain(err)) {
    const code = (error as Error & { code?: unknown }).code;
    if (typeof code === "string") {
      if (/^[0-9A-Z]{5}$/.test(code) && (UNAVAILABLE_CLASSES.has(code.slice(0, 2)) || UNAVAILABLE_CODES.has(code)))
        return `${code}: ${error.message}`;
      if (CONNECTION_ERRORS.has(code)) return `${code}: ${error.message}`;
    }
    if (CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message))) return error.message;
  }
  return null;
}
