import { type DestinationStream, type Logger, pino, stdSerializers } from "pino";

/**
 * The process's one logger (issue 15 E): JSON lines on stdout in every mode, the demo included, so an operator's
 * collector reads the same lines in development as in production; `LOG_FORMAT=pretty` is the only way to get
 * coloured text (pino-pretty, for a person at a terminal).
 *
 * What goes in: what happened and where (surface, route, job, counts, ids of rows). What never goes in: e-mail
 * addresses, names, phone numbers, postal addresses, sign-in codes, passwords, session or API tokens, client IPs
 * (docs/security.md "Issue 15 E"). Call sites pass structured fields chosen for that; the error serializer below is
 * the backstop for text we do not choose ourselves (a driver's or an SMTP server's error message).
 *
 * A live binding like the notice (notice/notice.ts): the schedules, the outbox and the mailer log from places no
 * dependency reaches, and one process has one log. Tests are silent unless they ask (LOG_LEVEL, or `useLogger` with
 * a destination they read).
 */
export type LogFormat = "json" | "pretty";
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

const EMAIL = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+\.[a-z]{2,}/gi;

/** Removes e-mail addresses from text we did not write (an SMTP server's "550 <x@example.com>: no such user"). */
export function scrubText(text: string): string {
  return text.replace(EMAIL, "[email]");
}

/** Errors keep their type, code and message (scrubbed) and their stack (scrubbed), never their other properties. */
function errSerializer(err: unknown) {
  if (!(err instanceof Error)) return { message: scrubText(String(err)) };
  const plain = stdSerializers.err(err);
  return {
    type: plain.type,
    message: scrubText(plain.message),
    ...(typeof (err as Error & { code?: unknown }).code === "string"
      ? { code: (err as Error & { code: string }).code }
      : {}),
    ...(plain.stack ? { stack: scrubText(plain.stack) } : {}),
  };
}

export function createLogger({
  format = "json",
  level = "info",
  destination,
}: {
  format?: LogFormat;
  level?: LogLevel;
  /** Where the lines go (tests capture them); stdout by default. */
  destination?: DestinationStream | string;
}): Logger {
  const options = {
    level,
    // No pid or hostname on every line: the collector knows the process; the line carries what only we know.
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: "msg",
    serializers: { err: errSerializer },
  };
  if (format === "pretty" && !destination) {
    return pino({ ...options, transport: { target: "pino-pretty", options: { colorize: true } } });
  }
  // Synchronous: a line written just before a crash or `process.exit` is not lost in a buffer; one short line per
  // request costs microseconds (docs/performance.md).
  if (typeof destination === "string") return pino(options, pino.destination({ dest: destination, sync: true }));
  return pino(options, destination ?? pino.destination({ fd: 1, sync: true }));
}

/**
 * The process's logger: JSON at info until the environment is read (a failure to start is a line too), then
 * replaced from it (index.ts); the BFF tests' setup makes it silent unless they set LOG_LEVEL.
 */
export let log: Logger = createLogger({});

export function useLogger(logger: Logger): Logger {
  log = logger;
  return logger;
}

/** The logger the environment asks for (LOG_FORMAT, LOG_LEVEL). */
export function loggerFromEnv(env: { LOG_FORMAT: LogFormat; LOG_LEVEL: LogLevel }): Logger {
  return createLogger({ format: env.LOG_FORMAT, level: env.LOG_LEVEL });
}
