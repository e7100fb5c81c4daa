import type { InboundIssueResolution } from "@tietoni/domain";
import { ApiError, DataTable, ErrorMessage, formatDate, formatDateTime, Loading } from "@tietoni/ui";
import { useState } from "react";
import { Link } from "react-router";
import { paths } from "../../../config/paths.ts";
import { type InboundIssue, useInboundIssues } from "../api/get-inbound-issues.ts";
import { useResolveInboundIssue } from "../api/resolve-inbound-issue.ts";
import { inboundMessages, useI18n } from "../messages.ts";

type T = ReturnType<typeof useI18n>["t"];

const kindText = {
  conflict: "inboundKindConflict",
  duplicate: "inboundKindDuplicate",
  erased: "inboundKindErased",
} as const satisfies Record<InboundIssue["kind"], keyof typeof inboundMessages>;

const actionText = {
  keep: "inboundKeep",
  apply: "inboundApply",
  link: "inboundLink",
  dismiss: "inboundDismiss",
} as const satisfies Record<InboundIssueResolution, keyof typeof inboundMessages>;

const resolutionsOf: Record<InboundIssue["kind"], InboundIssueResolution[]> = {
  conflict: ["keep", "apply"],
  duplicate: ["link", "dismiss"],
  erased: ["dismiss"],
};

function fieldName(t: T, field: string | null): string {
  if (field === null) return "";
  const key = `inboundField${field}`;
  return Object.hasOwn(inboundMessages, key) ? t(key as keyof typeof inboundMessages) : field;
}

/**
 * The desk's inbox of incoming data: each conflict shows both values and their times, each possible duplicate the
 * systems the existing customer is known under, each erased customer's address the day of the erasure.
 */
export function InboundPage() {
  const { t } = useI18n();
  const [pages, setPages] = useState<number[]>([]);
  const before = pages.at(-1) ?? null;
  const issues = useInboundIssues(before);
  const resolve = useResolveInboundIssue();
  const [resolvedCount, setResolvedCount] = useState(0);

  return (
    <>
      <h1>{t("inboundTitle")}</h1>
      <p>{t("inboundIntro")}</p>
      <p role="status">{resolvedCount > 0 && !resolve.isPending ? t("inboundResolved") : ""}</p>
      {resolve.error && <ErrorMessage code={resolve.error instanceof ApiError ? resolve.error.code : "server_error"} />}
      {issues.isPending && <Loading />}
      {issues.error && <ErrorMessage code={issues.error instanceof ApiError ? issues.error.code : "server_error"} />}
      {issues.data && (
        <>
          <DataTable
            caption={t("inboundCaption")}
            columns={[
              t("inboundColKind"),
              t("inboundColSystem"),
              t("inboundColCustomer"),
              t("inboundColIncoming"),
              t("inboundColCurrent"),
              t("inboundColActions"),
            ]}
            rows={issues.data.issues}
            rowKey={(i) => String(i.id)}
            empty={<p>{t("inboundNone")}</p>}
          >
            {(issue) => (
              <IssueCells
                issue={issue}
                pending={resolve.isPending}
                onResolve={(resolution) =>
                  resolve.mutate({ id: issue.id, resolution }, { onSuccess: () => setResolvedCount((n) => n + 1) })
                }
              />
            )}
          </DataTable>
          <div className="actions">
            {pages.length > 0 && (
              <button type="button" onClick={() => setPages([])}>
                {t("inboundNewest")}
              </button>
            )}
            {issues.data.nextBefore !== null && (
              <button type="button" onClick={() => setPages((p) => [...p, issues.data.nextBefore as number])}>
                {t("inboundOlder")}
              </button>
            )}
          </div>
        </>
      )}
    </>
  );
}

function IssueCells({
  issue,
  pending,
  onResolve,
}: {
  issue: InboundIssue;
  pending: boolean;
  onResolve: (resolution: InboundIssueResolution) => void;
}) {
  const { t, locale } = useI18n();
  const by = (who: string | null) =>
    who === "customer" ? t("inboundByCustomer") : who === "staff" ? t("inboundByStaff") : t("inboundBySystem");
  const who = issue.customerName ?? issue.externalId ?? "";
  return (
    <>
      <th scope="row">{t(kindText[issue.kind])}</th>
      <td>
        {issue.systemName}
        {issue.externalId !== null && (
          <div className="hint">{t("inboundRecord", { externalId: issue.externalId, line: issue.line ?? "" })}</div>
        )}
      </td>
      <td>
        {issue.customerId && issue.customerName ? (
          <Link to={paths.customer(issue.customerId)}>{issue.customerName}</Link>
        ) : (
          "—"
        )}
      </td>
      <td>
        {issue.kind === "conflict" && (
          <>
            <div>{t("inboundField", { field: fieldName(t, issue.field) })}</div>
            <div>{issue.incomingValue ?? t("inboundEmpty")}</div>
            {issue.incomingAt && (
              <div className="hint">{t("inboundAt", { at: formatDateTime(issue.incomingAt, locale) })}</div>
            )}
          </>
        )}
        {issue.kind === "duplicate" &&
          (issue.systems.length > 0
            ? t("inboundKnownUnder", { systems: issue.systems.join(", ") })
            : t("inboundKnownNowhere"))}
        {issue.kind === "erased" &&
          issue.erasedOn &&
          t("inboundErasedOn", { date: formatDate(issue.erasedOn, locale) })}
      </td>
      <td>
        {issue.kind === "conflict" && (
          <>
            <div>{issue.currentValue ?? t("inboundEmpty")}</div>
            {issue.currentAt && (
              <div className="hint">
                {t("inboundBy", { by: by(issue.currentBy), at: formatDateTime(issue.currentAt, locale) })}
              </div>
            )}
          </>
        )}
      </td>
      <td>
        <div className="actions">
          {resolutionsOf[issue.kind].map((resolution) => (
            <button
              key={resolution}
              type="button"
              disabled={pending}
              aria-label={t("inboundActionFor", {
                action: t(actionText[resolution]),
                kind: issue.kind === "conflict" ? fieldName(t, issue.field) : t(kindText[issue.kind]),
                who,
              })}
              onClick={() => onResolve(resolution)}
            >
              {t(actionText[resolution])}
            </button>
          ))}
        </div>
      </td>
    </>
  );
}
