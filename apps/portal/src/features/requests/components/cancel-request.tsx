import { ApiError, ErrorMessage } from "@tietoni/ui";
import { useEffect, useRef, useState } from "react";
import { useCancelRequest } from "../api/cancel-request.ts";
import { useI18n } from "../messages.ts";

/** Withdrawing a request takes two clicks: the button, then an explicit confirmation. */
export function CancelRequest({
  requestId,
  describedBy,
  onCancelled,
}: {
  requestId: string;
  /** The id of the request's heading, so the button says which request it cancels. */
  describedBy: string;
  onCancelled: () => void;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const cancel = useCancelRequest();
  const question = useRef<HTMLParagraphElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  // Focus follows the step: to the question when it opens, back to the button when the customer keeps the request.
  useEffect(() => {
    if (confirming) question.current?.focus();
    else if (opened.current) button.current?.focus();
    opened.current = confirming;
  }, [confirming]);

  const error = cancel.error ? (cancel.error instanceof ApiError ? cancel.error.code : "server_error") : null;

  if (!confirming) {
    return (
      <div className="actions">
        <button
          ref={button}
          type="button"
          className="secondary"
          aria-describedby={describedBy}
          onClick={() => setConfirming(true)}
        >
          {t("requestsCancel")}
        </button>
      </div>
    );
  }
  return (
    <div className="requests-confirm">
      <p ref={question} tabIndex={-1}>
        {t("requestsCancelConfirm")}
      </p>
      <div className="actions">
        <button
          type="button"
          className="danger"
          aria-describedby={describedBy}
          disabled={cancel.isPending}
          onClick={() => cancel.mutate(requestId, { onSuccess: onCancelled })}
        >
          {cancel.isPending ? t("requestsCancelling") : t("requestsCancelYes")}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={cancel.isPending}
          onClick={() => {
            setConfirming(false);
            cancel.reset();
          }}
        >
          {t("requestsCancelNo")}
        </button>
      </div>
      {error && <ErrorMessage code={error} />}
    </div>
  );
}
