import {
  type LiftToldOtherwiseMethod,
  liftReasonsByGround,
  liftRestrictionInputSchema,
  liftToldOtherwiseInputSchema,
  liftToldOtherwiseLabels,
  liftToldOtherwiseMethods,
  type RestrictionGround,
  type RestrictionLiftReason,
  restrictionGroundNames,
  restrictionLiftReasonNames,
} from "@tietoni/domain";
import { ApiError, ChoiceGroup, checkInput, ErrorMessage, formatDateTime, useFormFields } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useApplyRestriction } from "../api/apply-restriction.ts";
import { useLiftRestriction } from "../api/lift-restriction.ts";
import { useNotifyRestrictionLift } from "../api/notify-restriction-lift.ts";
import { useRecordLiftToldOtherwise } from "../api/record-lift-told-otherwise.ts";
import { useI18n } from "../messages.ts";

type RestrictionView = {
  id: string;
  ground: RestrictionGround;
  appliedAt: string;
  liftNoticeAt: string | null;
  liftedAt: string | null;
  liftReason: RestrictionLiftReason | null;
  endedByRequestId: string | null;
  liftNotice: {
    delivery: "none" | "legacy" | "pending" | "failing" | "delivered" | "dead";
    told: boolean;
    mayRecordToldOtherwise: boolean;
    lastError: string | null;
    toldOtherwise: { at: string; method: LiftToldOtherwiseMethod } | null;
  };
};

const errorCode = (err: unknown) => (err instanceof ApiError ? err.code : err ? "server_error" : null);

/**
 * A restriction request (Art. 18): apply it with the request's ground; later lift it, which takes two
 * steps because the customer must be told before it is lifted (the BFF refuses a lift without the notice).
 */
export function RestrictionPanel({
  requestId,
  pending,
  anonymised,
  ground,
  restriction,
}: {
  requestId: string;
  pending: boolean;
  anonymised: boolean;
  ground: RestrictionGround | null;
  restriction: RestrictionView | null;
}) {
  const { t, pick, locale } = useI18n();
  const id = useId();
  const apply = useApplyRestriction();
  const notify = useNotifyRestrictionLift();
  const lift = useLiftRestriction();
  const busy = apply.isPending || notify.isPending || lift.isPending;
  const error = errorCode(apply.error) ?? errorCode(notify.error);

  return (
    <section aria-labelledby={`${id}-heading`} className="operations-panel">
      <h2 id={`${id}-heading`}>{t("operationsRestrictionHeading")}</h2>
      {ground && (
        <dl className="fields">
          <dt>{t("operationsRestrictionGround")}</dt>
          <dd>{pick(restrictionGroundNames[ground])}</dd>
        </dl>
      )}

      {!restriction && pending && !anonymised && (
        <>
          <p>{t("operationsRestrictionIntro")}</p>
          <button type="button" disabled={busy} onClick={() => apply.mutate(requestId)}>
            {apply.isPending ? t("operationsWorking") : t("operationsRestrictionApply")}
          </button>
        </>
      )}
      {!restriction && (!pending || anonymised) && (
        <p>{anonymised ? t("operationsAlreadyAnonymised") : t("operationsRestrictionNone")}</p>
      )}

      {restriction && (
        <>
          <p role="status">
            {t("operationsRestrictionApplied", { date: formatDateTime(restriction.appliedAt, locale) })}
          </p>
          {restriction.liftedAt ? (
            <div className="operations-lifted">
              <p>{t("operationsRestrictionLifted", { date: formatDateTime(restriction.liftedAt, locale) })}</p>
              {restriction.liftReason && (
                <p>
                  {t("operationsRestrictionLiftReason", {
                    reason: pick(restrictionLiftReasonNames[restriction.liftReason]),
                  })}
                </p>
              )}
              {restriction.endedByRequestId && (
                <p>
                  {t("operationsRestrictionEndedBy")}{" "}
                  <Link to={paths.request(restriction.endedByRequestId)}>
                    {t("operationsRestrictionEndedByLink", { id: restriction.endedByRequestId })}
                  </Link>
                </p>
              )}
            </div>
          ) : (
            <>
              <h3>{t("operationsRestrictionLiftHeading")}</h3>
              <p>{t("operationsRestrictionLiftIntro")}</p>
              <ol className="operations-steps">
                <li>
                  <h4>{t("operationsRestrictionStepNotify")}</h4>
                  <p>
                    {restriction.liftNoticeAt
                      ? t("operationsRestrictionNotified", { date: formatDateTime(restriction.liftNoticeAt, locale) })
                      : t("operationsRestrictionNotNotified")}
                  </p>
                  <NoticeDelivery restriction={restriction} />
                  {!noAddress(restriction) && (
                    <button
                      type="button"
                      className={restriction.liftNoticeAt ? "secondary" : undefined}
                      disabled={busy}
                      onClick={() => notify.mutate(restriction.id)}
                    >
                      {notify.isPending
                        ? t("operationsWorking")
                        : restriction.liftNoticeAt
                          ? t("operationsRestrictionNotifyAgain")
                          : t("operationsRestrictionNotify")}
                    </button>
                  )}
                  {restriction.liftNotice.mayRecordToldOtherwise && (
                    <ToldOtherwiseForm restrictionId={restriction.id} busy={busy} />
                  )}
                </li>
                <li>
                  <h4>{t("operationsRestrictionStepLift")}</h4>
                  {restriction.liftNoticeAt && restriction.liftNotice.told ? (
                    <LiftForm restriction={restriction} lift={lift} busy={busy} />
                  ) : (
                    <p>
                      {restriction.liftNoticeAt
                        ? t("operationsRestrictionLiftWaitsDelivery")
                        : t("operationsRestrictionLiftWaits")}
                    </p>
                  )}
                </li>
              </ol>
            </>
          )}
        </>
      )}
      {error && <ErrorMessage code={error} />}
    </section>
  );
}

/** No notice was sent and none can be: the customer has no address (the BFF allows told-otherwise only then). */
const noAddress = (r: RestrictionView) => r.liftNotice.delivery === "none" && r.liftNotice.mayRecordToldOtherwise;

/** Where the notice's mail stands (issue 13): queued is not told, so the lift waits for the delivery. */
function NoticeDelivery({ restriction }: { restriction: RestrictionView }) {
  const { t, pick, locale } = useI18n();
  const { liftNotice } = restriction;
  const error = liftNotice.lastError ?? "–";
  return (
    <>
      {liftNotice.delivery === "pending" && <p role="status">{t("operationsNoticePending")}</p>}
      {liftNotice.delivery === "delivered" && <p role="status">{t("operationsNoticeDelivered")}</p>}
      {liftNotice.delivery === "failing" && <p className="desk-warning">{t("operationsNoticeFailing", { error })}</p>}
      {liftNotice.delivery === "dead" && <p className="desk-warning">{t("operationsNoticeDead", { error })}</p>}
      {noAddress(restriction) && <p className="desk-warning">{t("operationsNoticeNoEmail")}</p>}
      {liftNotice.toldOtherwise && (
        <p>
          {t("operationsNoticeToldOtherwise", {
            date: formatDateTime(liftNotice.toldOtherwise.at, locale),
            method: pick(liftToldOtherwiseLabels[liftNotice.toldOtherwise.method]),
          })}
        </p>
      )}
    </>
  );
}

/** When the mail failed or cannot be sent: how staff told the customer, after which the lift may follow. */
function ToldOtherwiseForm({ restrictionId, busy }: { restrictionId: string; busy: boolean }) {
  const { t, pick } = useI18n();
  const record = useRecordLiftToldOtherwise();
  const [method, setMethod] = useState<LiftToldOtherwiseMethod | null>(null);
  const { wire, formError, setClientErrors, focusFirst } = useFormFields(["method"], record.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { input, errors } = checkInput(liftToldOtherwiseInputSchema, { method });
    setClientErrors(errors);
    if (!input) return focusFirst(errors);
    record.mutate({ restrictionId, ...input });
  };
  return (
    <form onSubmit={submit} noValidate className="form">
      <h5>{t("operationsToldOtherwiseHeading")}</h5>
      <p>{t("operationsToldOtherwiseIntro")}</p>
      <ChoiceGroup
        {...wire("method")}
        legend={t("operationsToldOtherwiseLegend")}
        options={liftToldOtherwiseMethods.map((m) => [m, pick(liftToldOtherwiseLabels[m])] as const)}
        value={method}
        onChange={(next) => {
          setMethod(next);
          setClientErrors(null);
        }}
      />
      <button type="submit" disabled={busy || record.isPending}>
        {record.isPending ? t("operationsWorking") : t("operationsToldOtherwiseSave")}
      </button>
      {formError && <ErrorMessage code={formError} />}
    </form>
  );
}

/** Step 2: the reason, chosen from those that fit the ground (the customer and the audit trail see it), and the lift. */
function LiftForm({
  restriction,
  lift,
  busy,
}: {
  restriction: RestrictionView;
  lift: ReturnType<typeof useLiftRestriction>;
  busy: boolean;
}) {
  const { t, pick } = useI18n();
  const [reason, setReason] = useState<RestrictionLiftReason | null>(null);
  const { wire, formError, setClientErrors, focusFirst } = useFormFields(["reason"], lift.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { input, errors } = checkInput(liftRestrictionInputSchema, { reason });
    setClientErrors(errors);
    if (!input) return focusFirst(errors);
    lift.mutate({ restrictionId: restriction.id, ...input });
  };
  return (
    <form onSubmit={submit} noValidate className="form">
      <ChoiceGroup
        {...wire("reason")}
        legend={t("operationsRestrictionLiftReasonLegend")}
        options={liftReasonsByGround[restriction.ground].map((r) => [r, pick(restrictionLiftReasonNames[r])] as const)}
        value={reason}
        onChange={(next) => {
          setReason(next);
          setClientErrors(null);
        }}
      />
      <button type="submit" disabled={busy}>
        {lift.isPending ? t("operationsWorking") : t("operationsRestrictionLift")}
      </button>
      {formError && <ErrorMessage code={formError} />}
    </form>
  );
}
