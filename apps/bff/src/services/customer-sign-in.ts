import { checkSignInCode, customerSignInCodePolicy, iso, type Locale } from "@tietoni/domain";
import { and, eq, isNull } from "drizzle-orm";
import type { SessionStore } from "../auth/session-store.ts";
import {
  type CodeRow,
  codeMatches,
  consumeSignInCodes,
  expiredUnusedCodes,
  findByLink,
  findCodeToTry,
  issueSignInCode,
  markCodeFinal,
  newestSignInCode,
} from "../auth/sign-in-codes.ts";
import {
  beginCodeAttempt,
  beginCodeRequest,
  beginLinkAttempt,
  codeAttemptSucceeded,
  linkAttemptSucceeded,
  triesOn,
} from "../auth/sign-in-limits.ts";
import type { Queries, Tx } from "../db/port.ts";
import { customerSignIns, customers, ipAddresses } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import type { ClientInfo } from "../http/client-info.ts";
import { signInCodeMail } from "../mail/templates.ts";
import { customerMailLanguage } from "../notice/notice.ts";
import { log } from "../observability/logger.ts";
import { countSignInFailure } from "../observability/metrics.ts";
import { appendAudit } from "./audit.ts";
import { recordMailLanguage } from "./customer-language.ts";
import { applyGpcSignal } from "./marketing.ts";
import { fail, type Result, transact } from "./result.ts";

/* Customer sign-in with a one-time code or link mailed to the registered address (decisions 003 and 010). */

export type CustomerSignInDeps = Pick<Deps, "db" | "mail" | "outbox" | "now"> & { sessions: SessionStore };

const findByEmail = (q: Queries, email: string) =>
  q
    .select({ id: customers.id, language: customers.language })
    .from(customers)
    .where(and(eq(customers.email, email), isNull(customers.anonymisedAt)))
    .get();

/** The portal's link page with the link's secret after `#`: a fragment never reaches a server or its logs. */
const signInLinkUrl = (portalOrigin: string, link: string) => `${portalOrigin}/sign-in/link#${link}`;

/**
 * Wrong codes tried against `code` go to the audit trail (item 16) — never when they are tried: a wrong code for a
 * registered address would then cost a durable write that one for an unknown address does not (item 14). They are
 * written by the next write the account makes anyway: the code request that replaces the code (after its answer)
 * or the sign-in. `rightTries` is the try that signed in, which was no failure.
 */
async function auditWrongCodes(
  tx: Tx,
  customerId: string,
  email: string,
  code: CodeRow,
  rightTries: number,
  at: number,
) {
  if (code.consumedAt !== null) return;
  const wrongCodes = (await triesOn(tx, email, code)) - rightTries;
  if (wrongCodes <= 0) return;
  await appendAudit(
    tx,
    {
      actor: { type: "customer", id: customerId },
      action: "customer.sign_in_failed",
      customerId,
      detail: { wrongCodes, codeIssuedAt: iso(code.createdAt) },
    },
    at,
  );
}

/**
 * Closes the gap the two writes above leave: a code that is tried wrongly, then neither replaced nor followed by a
 * sign-in, expires with its wrong codes unwritten. The scheduled purge calls this (in its own transaction, long
 * after any answer, so item 14 is untouched): each expired code that was never used is marked final
 * (`consumed_at` = its expiry, so neither this nor a later replacement writes it again) and its wrong codes, if
 * any, go to the trail. Answers how many entries it wrote.
 */
export async function auditExpiredWrongCodes(tx: Tx, at: number): Promise<number> {
  let written = 0;
  for (const { customerId, email, ...code } of await expiredUnusedCodes(tx, at)) {
    if (email !== null && (await triesOn(tx, email, code)) > 0) {
      await auditWrongCodes(tx, customerId, email, code, 0, at);
      written += 1;
    }
    await markCodeFinal(tx, code);
  }
  return written;
}

/**
 * Counts the request, then issues and mails a code and a link if the address belongs to a customer. Refused (429)
 * only by the limits, which are counted before the lookup, so the refusal costs the same whether or not the address
 * is registered.
 *
 * Enumeration safety: the answer must not tell whether the address is registered, neither by what it says (always
 * "sent") nor by when it comes. Issuing a code writes and waits for an fsync, which an unknown address would not,
 * so the lookup, the code and its mail run after the caller has answered (`setImmediate`: the answer is written
 * first). The mail is queued in the code's transaction and leaves once the code is stored.
 *
 * The mail goes in `language`, the portal's language the request came with (issue 13), else the customer's own.
 * It is not recorded here: whoever asks for a code need not be the customer; a sign-in records it (see signIn).
 */
export async function requestSignInCode(
  { db, env, mail, now }: Pick<Deps, "db" | "env" | "mail" | "now">,
  { email, ip, language }: { email: string; ip: string | null; language?: Locale },
): Promise<Result> {
  const at = now();
  if (!(await beginCodeRequest(db, { email, ip }, at))) return fail(429, "sign_in_rate_limited");
  setImmediate(() => {
    db.transaction(async (tx) => {
      const customer = await findByEmail(tx, email);
      if (!customer) return;
      // The code this one replaces can no longer be tried: its wrong codes are final now.
      const replaced = await newestSignInCode(tx, customer.id);
      if (replaced) await auditWrongCodes(tx, customer.id, email, replaced, 0, at);
      const { code, link } = await issueSignInCode(tx, customer.id, at);
      await mail.enqueueMail(
        tx,
        signInCodeMail(
          email,
          language ?? customerMailLanguage(customer.language),
          code,
          signInLinkUrl(env.portalOrigin, link),
        ),
        {
          template: "sign_in_code",
          customerId: customer.id,
          bodyExpiresAt: at + customerSignInCodePolicy.validForMs,
        },
      );
    }).catch((err: unknown) => log.error({ surface: "portal", err }, "sign-in code not issued"));
  });
  return { ok: true };
}

type SignedIn = Result<{ token: string }>;
type SignInFacts = {
  sessions: SessionStore;
  /** Where a GPC objection's event goes (issue 13). */
  events: Pick<CustomerSignInDeps, "outbox" | "now">;
  customerId: string;
  method: "code" | "link";
  gpc: boolean;
  /** The portal's language at sign-in, if it sent one: it becomes the customer's mail language. */
  language: Locale | undefined;
  client: ClientInfo;
  at: number;
};

/**
 * What every sign-in records in its one transaction: the session, the sign-in (with its IP address, which "My
 * data" shows) and its audit entry. A browser sending Global Privacy Control objects to marketing at every sign-in
 * (see services/marketing.ts). The portal's language sent with the sign-in becomes the customer's mail language
 * (issue 13): the customer reads the portal in it, so that is the language they chose last.
 */
async function signIn(
  tx: Tx,
  { sessions, events, customerId, method, gpc, language, client, at }: SignInFacts,
): Promise<{ ok: true; token: string }> {
  const session = await sessions.create(customerId, at, client, tx);
  await tx.insert(customerSignIns).values({ customerId, at, ip: client.ip, userAgent: client.userAgent });
  // The notice lists IP numbers among the data held; the customer sees them under "My data".
  if (client.ip) await tx.insert(ipAddresses).values({ customerId, ip: client.ip, seenAt: at });
  if (gpc) await applyGpcSignal(tx, events, customerId, at);
  if (language) {
    await recordMailLanguage(tx, {
      customerId,
      language,
      actor: { type: "customer", id: customerId },
      ip: client.ip,
      at,
    });
  }
  await appendAudit(
    tx,
    {
      actor: { type: "customer", id: customerId },
      action: "customer.sign_in",
      customerId,
      detail: { method },
      ip: client.ip,
    },
    at,
  );
  return { ok: true, token: session.token };
}

/**
 * Checks a code and, when it is right, signs the customer in.
 *
 * A wrong code costs the same whatever the address (item 14): one read (the address's customer and newest code, or
 * nothing), one count that does not wait for the disk (the failure per e-mail address and per client address, and
 * the try on that code, keyed by e-mail digest and code id or "none"), and one digest compared with the code's or a
 * dummy. Only a right code writes durably: the code used up, the session, the sign-in and its audit entries, in
 * one transaction.
 */
export async function verifySignInCode(
  { db, sessions, outbox, now }: CustomerSignInDeps,
  { email, code, gpc, language }: { email: string; code: string; gpc: boolean; language?: Locale },
  client: ClientInfo,
): Promise<SignedIn> {
  const at = now();
  const attempt = { email, ip: client.ip };
  const found = await db.read((r) => findCodeToTry(r, email));
  // Counted before the comparison, so parallel guesses cannot slip past the limits.
  const tries = await beginCodeAttempt(db, attempt, at, found.code);
  if (tries === null) {
    countSignInFailure({ surface: "portal", reason: "rate_limited" });
    return fail(429, "sign_in_rate_limited");
  }
  const matches = codeMatches(found.code, code);
  const { customerId, code: row } = found;
  if (!matches || !row || !customerId || checkSignInCode({ ...row, attempts: tries - 1 }, at) !== "usable") {
    countSignInFailure({ surface: "portal", reason: "code" });
    return fail(400, "code_invalid");
  }
  // `transact`: a parallel sign-in that used the code first rolls this one back whole.
  return transact(db, async (tx): Promise<SignedIn> => {
    await auditWrongCodes(tx, customerId, email, row, 1, at);
    if (!(await consumeSignInCodes(tx, customerId, row.id, at))) return fail(400, "code_invalid");
    await codeAttemptSucceeded(tx, attempt, at);
    return signIn(tx, { sessions, events: { outbox, now }, customerId, method: "code", gpc, language, client, at });
  });
}

/**
 * Signs in with the link of a sign-in mail (the portal's link page posts it when the customer presses "Sign in",
 * so a mail scanner opening the link signs no one in). Not counted per e-mail address, so an attacker who has used
 * up an address's codes and requests cannot lock its owner out; counted per client address against floods.
 */
export async function verifySignInLink(
  { db, sessions, outbox, now }: CustomerSignInDeps,
  { link, gpc, language }: { link: string; gpc: boolean; language?: Locale },
  client: ClientInfo,
): Promise<SignedIn> {
  const at = now();
  if (!(await beginLinkAttempt(db, client.ip, at))) {
    countSignInFailure({ surface: "portal", reason: "rate_limited" });
    return fail(429, "rate_limited");
  }
  return transact(db, async (tx): Promise<SignedIn> => {
    const found = await findByLink(tx, link, at);
    if (!found) {
      countSignInFailure({ surface: "portal", reason: "link" });
      return fail(400, "sign_in_link_invalid");
    }
    const { id, customerId, email } = found;
    const newest = await newestSignInCode(tx, customerId);
    if (newest) await auditWrongCodes(tx, customerId, email, newest, 0, at);
    if (!(await consumeSignInCodes(tx, customerId, id, at))) return fail(400, "sign_in_link_invalid");
    await linkAttemptSucceeded(tx, { email, ip: client.ip }, at);
    return signIn(tx, { sessions, events: { outbox, now }, customerId, method: "link", gpc, language, client, at });
  });
}

/** Ends the session and records the sign-out in the audit trail, in one transaction. */
export function signOut(
  { db, sessions, now }: Pick<Deps, "db" | "now"> & { sessions: SessionStore },
  { sessionId, customerId, ip }: { sessionId: string; customerId: string; ip: string | null },
): Promise<void> {
  const at = now();
  return db.transaction(async (tx) => {
    await sessions.invalidate(sessionId, tx);
    await appendAudit(
      tx,
      { actor: { type: "customer", id: customerId }, action: "customer.sign_out", customerId, ip },
      at,
    );
  });
}
