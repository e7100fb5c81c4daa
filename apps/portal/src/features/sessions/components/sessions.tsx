import { ApiError, DataTable, EmptyState, ErrorMessage, formatDateTime, Loading } from "@tietoni/ui";
import { useId, useState } from "react";
import { useEndSession } from "../api/end-session.ts";
import { type SessionsView, useSessions } from "../api/get-sessions.ts";
import { useSignOutOthers } from "../api/sign-out-others.ts";
import { useI18n } from "../messages.ts";
import { deviceOf } from "../utils/device-name.ts";

type Outcome = { kind: "ended" } | { kind: "othersEnded"; count: number } | { kind: "error"; code: string } | null;

const errorCode = (err: unknown) => (err instanceof ApiError ? err.code : "server_error");

/** The customer's active sessions, with a way to end the others, and their sign-in history. */
export function Sessions() {
  const { t } = useI18n();
  const sessions = useSessions();
  return (
    <>
      <h1>{t("sessionsTitle")}</h1>
      <p>{t("sessionsIntro")}</p>
      {sessions.isPending && <Loading />}
      {sessions.isError && <ErrorMessage code={errorCode(sessions.error)} />}
      {sessions.data && (
        <>
          <ActiveSessions sessions={sessions.data.sessions} />
          <SignInHistory signIns={sessions.data.signIns} />
        </>
      )}
    </>
  );
}

/** "Firefox on Windows", or as much of it as the user agent tells. */
function useDeviceName() {
  const { t } = useI18n();
  return (userAgent: string | null) => {
    const { browser, system } = deviceOf(userAgent);
    if (browser && system) return t("sessionsDeviceName", { browser, system });
    return browser ?? system ?? t("sessionsUnknownDevice");
  };
}

function DeviceCell({ userAgent, current }: { userAgent: string | null; current?: boolean }) {
  const { t } = useI18n();
  const deviceName = useDeviceName();
  return (
    <>
      <span className="sessions-device">{deviceName(userAgent)}</span>
      {current && <strong className="sessions-this-device">{t("sessionsThisDevice")}</strong>}
      {userAgent && (
        <details className="sessions-user-agent">
          <summary>{t("sessionsUserAgent")}</summary>
          <code>{userAgent}</code>
        </details>
      )}
    </>
  );
}

function ActiveSessions({ sessions }: { sessions: SessionsView["sessions"] }) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const deviceName = useDeviceName();
  const endSession = useEndSession();
  const signOutOthers = useSignOutOthers();
  const [outcome, setOutcome] = useState<Outcome>(null);
  // The one in use first; the rest as the BFF orders them (most recently used first).
  const shown = [...sessions].sort((a, b) => Number(b.current) - Number(a.current));
  const hasOthers = sessions.some((s) => !s.current);
  const unknown = t("sessionsUnknown");

  const onError = (err: unknown) => setOutcome({ kind: "error", code: errorCode(err) });
  const end = (id: string) => {
    setOutcome(null);
    endSession.mutate(id, { onSuccess: () => setOutcome({ kind: "ended" }), onError });
  };
  const endOthers = () => {
    setOutcome(null);
    signOutOthers.mutate(undefined, {
      onSuccess: ({ ended }) => setOutcome({ kind: "othersEnded", count: ended }),
      onError,
    });
  };

  let status: string | null = null;
  if (outcome?.kind === "ended") status = t("sessionsEnded");
  if (outcome?.kind === "othersEnded") {
    status = outcome.count === 1 ? t("sessionsOthersEndedOne") : t("sessionsOthersEndedMany", { count: outcome.count });
  }

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("sessionsActiveHeading")}</h2>
      <DataTable
        caption={t("sessionsActiveCaption")}
        columns={[
          t("sessionsDevice"),
          t("sessionsIp"),
          t("sessionsStarted"),
          t("sessionsLastSeen"),
          t("sessionsAction"),
        ]}
        rows={shown}
        rowKey={(session) => session.id}
      >
        {(session) => (
          <>
            <td>
              <DeviceCell userAgent={session.userAgent} current={session.current} />
            </td>
            <td>{session.ip ?? unknown}</td>
            <td>{formatDateTime(session.createdAt, locale)}</td>
            <td>{formatDateTime(session.lastSeenAt, locale)}</td>
            <td>
              {session.current ? (
                <span className="note">{t("sessionsThisDeviceNote")}</span>
              ) : (
                <button
                  type="button"
                  className="secondary"
                  disabled={endSession.isPending && endSession.variables === session.id}
                  onClick={() => end(session.id)}
                >
                  {t("sessionsEnd")}
                  <span className="visually-hidden">
                    {" "}
                    (
                    {t("sessionsEndContext", {
                      device: deviceName(session.userAgent),
                      started: formatDateTime(session.createdAt, locale),
                    })}
                    )
                  </span>
                </button>
              )}
            </td>
          </>
        )}
      </DataTable>
      {hasOthers ? (
        <div className="actions">
          <button type="button" className="danger" disabled={signOutOthers.isPending} onClick={endOthers}>
            {t("sessionsSignOutOthers")}
          </button>
        </div>
      ) : (
        <p>{t("sessionsNoOthers")}</p>
      )}
      <div role="status" className="sessions-status">
        {status && <p className="success-message">{status}</p>}
      </div>
      {outcome?.kind === "error" && <ErrorMessage code={outcome.code} />}
    </section>
  );
}

function SignInHistory({ signIns }: { signIns: SessionsView["signIns"] }) {
  const { t, locale } = useI18n();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("sessionsHistoryHeading")}</h2>
      <DataTable
        caption={t("sessionsHistoryCaption")}
        columns={[t("sessionsHistoryWhen"), t("sessionsIp"), t("sessionsDevice")]}
        rows={signIns}
        // Sign-ins have no id of their own; the list is append-only and newest first.
        rowKey={(signIn, index) => `${signIn.at}-${index}`}
        empty={<EmptyState>{t("sessionsNoHistory")}</EmptyState>}
      >
        {(signIn) => (
          <>
            <td>{formatDateTime(signIn.at, locale)}</td>
            <td>{signIn.ip ?? t("sessionsUnknown")}</td>
            <td>
              <DeviceCell userAgent={signIn.userAgent} />
            </td>
          </>
        )}
      </DataTable>
    </section>
  );
}
