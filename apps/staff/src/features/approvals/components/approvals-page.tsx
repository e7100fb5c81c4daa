import { type ApprovalOperation, approvalRejectSchema } from "@tietoni/domain";
import {
  ApiError,
  checkInput,
  DataTable,
  ErrorMessage,
  FormActions,
  formatDate,
  formatDateTime,
  Loading,
  TextAreaField,
  useFormFields,
} from "@tietoni/ui";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useDecideApproval } from "../api/decide-approval.ts";
import { type ApprovalView, type DecidedView, useApprovals } from "../api/get-approvals.ts";
import { useI18n } from "../messages.ts";

const operationKeys = {
  "legal_hold.clear": "approvalsOpLegalHoldClear",
  "invoice.paid": "approvalsOpInvoicePaid",
  "invoice.written_off": "approvalsOpInvoiceWrittenOff",
  "erasure.execute": "approvalsOpErasureExecute",
} as const satisfies Record<ApprovalOperation, string>;

/** The four-eyes queue: another person's request can be approved (it runs now) or rejected with a reason. */
export function ApprovalsPage() {
  const { t, locale } = useI18n();
  // Issue 14 D: an erasure's "reason" is the rule's ground (a code), not words of the requester.
  const reasonText = (a: ApprovalView) =>
    a.operation !== "erasure.execute"
      ? a.reason
      : t(a.reason === "registrant" ? "approvalsErasureRegistrant" : "approvalsErasureClearedBlocker");
  const approvals = useApprovals();
  const decide = useDecideApproval();
  const [rejecting, setRejecting] = useState<ApprovalView | null>(null);
  const [done, setDone] = useState<"approved" | "rejected" | null>(null);
  const error = decide.error ? (decide.error instanceof ApiError ? decide.error.code : "server_error") : null;
  return (
    <>
      <h1>{t("approvalsTitle")}</h1>
      <p className="note">{t("approvalsIntro")}</p>
      {approvals.isPending && <Loading />}
      {approvals.error && (
        <ErrorMessage code={approvals.error instanceof ApiError ? approvals.error.code : "server_error"} />
      )}
      {approvals.data && (
        <DataTable
          caption={t("approvalsCaption")}
          columns={[
            t("approvalsColOperation"),
            t("approvalsColCustomer"),
            t("approvalsColDate"),
            t("approvalsColReason"),
            t("approvalsColRequested"),
            t("approvalsColDecision"),
          ]}
          rows={approvals.data.approvals}
          rowKey={(a) => a.id}
          empty={<p>{t("approvalsNone")}</p>}
        >
          {(a) => {
            const operation = t(operationKeys[a.operation]);
            return (
              <>
                <th scope="row">{operation}</th>
                <td>
                  <Link to={paths.customer(a.customerId)}>{a.customerId}</Link>
                </td>
                <td>{a.on ? formatDate(a.on, locale) : "–"}</td>
                <td className="desk-text">{reasonText(a)}</td>
                <td>
                  {t("approvalsRequestedBy", {
                    name: a.requestedBy.name,
                    date: formatDateTime(a.requestedAt, locale),
                  })}
                </td>
                <td>
                  {a.own ? (
                    t("approvalsOwn")
                  ) : (
                    <div className="actions">
                      <button
                        type="button"
                        disabled={decide.isPending}
                        aria-label={t("approvalsApproveFor", { operation, customer: a.customerId })}
                        onClick={() =>
                          decide.mutate({ id: a.id, approve: true }, { onSuccess: () => setDone("approved") })
                        }
                      >
                        {t("approvalsApprove")}
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        disabled={decide.isPending}
                        aria-label={t("approvalsRejectFor", { operation, customer: a.customerId })}
                        onClick={() => {
                          setRejecting(a);
                          setDone(null);
                        }}
                      >
                        {t("approvalsReject")}
                      </button>
                    </div>
                  )}
                </td>
              </>
            );
          }}
        </DataTable>
      )}
      {approvals.data && <MyDecided decided={approvals.data.myDecided} />}
      {rejecting && (
        <RejectForm
          key={rejecting.id}
          approval={rejecting}
          onClose={(rejected) => {
            setRejecting(null);
            if (rejected) setDone("rejected");
          }}
        />
      )}
      {error && !rejecting && <ErrorMessage code={error} />}
      <p role="status" className="note">
        {done === "approved" ? t("approvalsApproved") : done === "rejected" ? t("approvalsRejected") : null}
      </p>
    </>
  );
}

/** What became of the signed-in person's own requests, with the reason of a rejection. */
function MyDecided({ decided }: { decided: DecidedView[] }) {
  const { t, locale } = useI18n();
  return (
    <>
      <h2>{t("approvalsMineHeading")}</h2>
      <DataTable
        caption={t("approvalsMineCaption")}
        noCaption
        columns={[
          t("approvalsColOperation"),
          t("approvalsColCustomer"),
          t("approvalsColOutcome"),
          t("approvalsColDecidedBy"),
        ]}
        rows={decided}
        rowKey={(d) => d.id}
        empty={<p>{t("approvalsMineNone")}</p>}
      >
        {(d) => (
          <>
            <th scope="row">{t(operationKeys[d.operation])}</th>
            <td>
              <Link to={paths.customer(d.customerId)}>{d.customerId}</Link>
            </td>
            <td className="desk-text">
              {d.outcome === "approved"
                ? t("approvalsOutcomeApproved")
                : t("approvalsOutcomeRejected", { reason: d.rejectReason ?? "" })}
            </td>
            <td>{t("approvalsRequestedBy", { name: d.decidedBy, date: formatDateTime(d.decidedAt, locale) })}</td>
          </>
        )}
      </DataTable>
    </>
  );
}

function RejectForm({ approval, onClose }: { approval: ApprovalView; onClose: (rejected: boolean) => void }) {
  const { t } = useI18n();
  const decide = useDecideApproval();
  const [reason, setReason] = useState("");
  const { wire, formError, setClientErrors, focusFirst } = useFormFields(["reason"], decide.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { input, errors } = checkInput(approvalRejectSchema, { reason });
    setClientErrors(errors);
    if (!input) return focusFirst(errors);
    decide.mutate({ id: approval.id, approve: false, ...input }, { onSuccess: () => onClose(true) });
  };
  return (
    <form onSubmit={submit} noValidate className="form">
      <h2>{t("approvalsRejectHeading")}</h2>
      <TextAreaField
        {...wire("reason")}
        label={t("approvalsRejectReason")}
        value={reason}
        onValue={setReason}
        rows={2}
      />
      <FormActions
        pending={decide.isPending}
        label={t("approvalsReject")}
        pendingLabel={t("approvalsWorking")}
        error={formError}
      >
        <button type="button" className="secondary" onClick={() => onClose(false)}>
          {t("approvalsCancel")}
        </button>
      </FormActions>
    </form>
  );
}
