import type net from "node:net";
import type { RequestView } from "@tietoni/domain";
import { and, eq } from "drizzle-orm";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "../db/schema.ts";
import { createDeps } from "../deps.ts";
import { createTestContext, type TestContext } from "../test/test-context.ts";
import { openSecondPort } from "../test/test-database.ts";
import { classifyMailError } from "./mail-queue.ts";
import { createSmtpMailer } from "./mailer.ts";

/*
 * A real SMTP exchange: the BFF's own mailer (nodemailer) talks to an SMTP server (the `smtp-server` library) that
 * this test starts on loopback and tells how to answer. A refusal decided in the staff desk goes through the outbox
 * to that server; a temporary answer is retried with the same Message-ID, a permanent one is dead at once, and a
 * mail decided while the server is down survives a restart of the BFF.
 */

type Answer = "accept" | "451" | "550";
let answers: Answer[] = [];
const received: { to: string[]; raw: string }[] = [];

/** An SMTP server on `port` (0: any free one) that answers each message with the next of `answers` (then accepts). */
async function startSmtp(port = 0): Promise<{ server: SMTPServer; port: number }> {
  const server = new SMTPServer({
    // A loopback relay: no TLS offered (so the client does not try STARTTLS against a self-signed certificate), no
    // authentication, like a local MTA.
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const answer = answers.shift() ?? "accept";
        if (answer === "accept") {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() });
          callback();
          return;
        }
        const error = new Error(answer === "451" ? "Greylisted, try again later" : "Mailbox unavailable") as Error & {
          responseCode: number;
        };
        error.responseCode = Number(answer);
        callback(error);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = (server as unknown as { server: net.Server }).server.address() as net.AddressInfo;
  return { server, port: address.port };
}

const stopSmtp = (server: SMTPServer) => new Promise<void>((resolve) => server.close(() => resolve()));

const messageIdOf = (raw: string) => /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw)?.[1];

let smtp: { server: SMTPServer; port: number };
let t: TestContext;
const FROM = "Example Controller <tietosuoja@example.com>";

beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestContext(
    { MAIL_FROM: FROM },
    { mailer: createSmtpMailer({ url: `smtp://127.0.0.1:${smtp.port}`, from: FROM }) },
  );
});
afterAll(async () => {
  await stopSmtp(smtp.server).catch(() => undefined);
  await t.close();
});

/**
 * A paper objection for Matti (c0000002), registered at the desk (its receipt mail delivered), then `beforeRefusal`
 * (how the server will answer), then refused; the refusal mail's outbox row.
 */
async function refuse(beforeRefusal: () => unknown = () => undefined): Promise<{ requestId: string; rowId: string }> {
  // Signed in afresh: the tests move the clock past a session's idle timeout.
  const agent = await t.signInStaff("agent", "agent-demo-pass");
  const created = await t.postStaff(
    "/api/staff/requests",
    {
      customerId: "c0000002",
      channel: "paper",
      receivedOn: "2026-11-25",
      request: { type: "objection", text: "Kiellän suoramarkkinoinnin." },
    },
    agent,
  );
  expect(created.status).toBe(201);
  const { id } = ((await created.json()) as { request: RequestView }).request;
  await t.outbox.idle();
  await beforeRefusal();
  const refused = await t.postStaff(
    `/api/staff/requests/${id}/refuse`,
    { reasons: "Asiakassuhde on voimassa (6 art. 1 b)." },
    agent,
  );
  expect(refused.status).toBe(200);
  const row = await t.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.requestId, id), eq(outbox.topic, "request_refused")))
    .get();
  if (!row) throw new Error("the refusal wrote no outbox row");
  return { requestId: id, rowId: row.id };
}

const rowOf = (id: string, db = t.db) => db.select().from(outbox).where(eq(outbox.id, id)).get();
const receivedWith = (messageId: string) => received.filter((m) => messageIdOf(m.raw) === messageId);

describe("mail over real SMTP", () => {
  it("sends a refusal to the server with the Message-ID of its outbox row", async () => {
    const { rowId } = await refuse();
    await t.outbox.idle();
    const messageId = `<${rowId}@example.com>`;
    const [mail, ...more] = receivedWith(messageId);
    expect(more).toHaveLength(0);
    expect(mail?.to).toEqual(["yhteyshenkilo@example.com"]);
    expect(mail?.raw).toContain("Tietosuojavaltuutetun toimisto");
    expect(await rowOf(rowId)).toMatchObject({ status: "delivered", body: null, attempts: 1 });
  });

  it("retries a temporary refusal (451) after the backoff, with the same Message-ID", async () => {
    const { rowId } = await refuse(() => {
      answers = ["451"];
    });
    await t.outbox.idle();
    const failing = await rowOf(rowId);
    expect(failing).toMatchObject({ status: "failing", attempts: 1 });
    expect(failing?.lastError).toMatch(/^smtp 451/);
    expect(failing?.required).toBe(true);
    expect(receivedWith(`<${rowId}@example.com>`)).toHaveLength(0);

    t.advance(60_000);
    expect(await t.outbox.deliverDue()).toBe(1);
    expect(receivedWith(`<${rowId}@example.com>`)).toHaveLength(1);
    expect(await rowOf(rowId)).toMatchObject({ status: "delivered", body: null, attempts: 2, lastError: null });
  });

  it("gives up on a permanent refusal (550) at once, keeping the reply code as the reason", async () => {
    const { rowId } = await refuse(() => {
      answers = ["550"];
    });
    await t.outbox.idle();
    const dead = await rowOf(rowId);
    expect(dead).toMatchObject({ status: "dead", body: null, attempts: 1 });
    expect(dead?.lastError).toMatch(/^smtp 550/);
    // The reason is the code, never the address or the server's text.
    expect(dead?.lastError).not.toContain("example.com");
    expect(dead?.lastError).not.toContain("Mailbox");
    t.advance(24 * 60 * 60_000);
    expect(await t.outbox.deliverDue()).toBe(0);
    expect(receivedWith(`<${rowId}@example.com>`)).toHaveLength(0);
  });

  it("keeps a refusal decided while the server is down and delivers it once after a BFF restart", async () => {
    const port = smtp.port;
    const { rowId } = await refuse(() => stopSmtp(smtp.server));
    await t.outbox.idle();
    const failing = await rowOf(rowId);
    expect(failing).toMatchObject({ status: "failing", attempts: 1 });
    expect(failing?.body).not.toBeNull();

    // The BFF stops (its dispatcher with it) and starts again: a new port on the same register, new deps.
    await t.outbox.stop();
    const db = await openSecondPort(t.env);
    try {
      const restarted = createDeps({
        db,
        env: t.env,
        mailer: createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: FROM }),
        now: t.now,
      });
      smtp = await startSmtp(port);
      t.advance(60_000);
      expect(await restarted.outbox.deliverDue()).toBe(1);
      const messageId = `<${rowId}@example.com>`;
      expect(receivedWith(messageId)).toHaveLength(1);
      expect(await rowOf(rowId, db)).toMatchObject({ status: "delivered", body: null, attempts: 2 });
      t.advance(24 * 60 * 60_000);
      expect(await restarted.outbox.deliverDue()).toBe(0);
      expect(receivedWith(messageId)).toHaveLength(1);
      await restarted.outbox.stop();
    } finally {
      await db.close();
    }
  });
});

describe("classifyMailError on nodemailer's real errors", () => {
  const send = (port: number) =>
    createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: FROM }).send({
      to: "someone@example.com",
      subject: "s",
      text: "t",
    });

  it("reads a 4xx reply as temporary and a 5xx reply as permanent", async () => {
    const server = await startSmtp();
    try {
      answers = ["451", "550"];
      const temporary = await send(server.port).catch((e: unknown) => e);
      expect(classifyMailError(temporary)).toMatchObject({ ok: false, permanent: false });
      expect(classifyMailError(temporary)).toMatchObject({ reason: expect.stringMatching(/^smtp 451/) });
      const permanent = await send(server.port).catch((e: unknown) => e);
      expect(classifyMailError(permanent)).toMatchObject({ ok: false, permanent: true });
    } finally {
      await stopSmtp(server.server);
    }
  });

  it("reads a refused connection as temporary", async () => {
    const closed = await startSmtp();
    await stopSmtp(closed.server);
    const error = await send(closed.port).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(classifyMailError(error)).toMatchObject({ ok: false, permanent: false });
  });

  it("reads an envelope nodemailer cannot send at all as permanent", async () => {
    const server = await startSmtp();
    try {
      const error = await createSmtpMailer({ url: `smtp://127.0.0.1:${server.port}`, from: FROM })
        .send({ to: "", subject: "s", text: "t" })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "EENVELOPE" });
      expect(classifyMailError(error)).toEqual({ ok: false, permanent: true, reason: "EENVELOPE" });
    } finally {
      await stopSmtp(server.server);
    }
  });
});
