import { type IdentityMethod, identityMethodNames, identityMethodOf, identityMethods } from "@tietoni/domain";
import {
  ChoiceGroup,
  FormError,
  fieldErrors,
  formatDateTime,
  formError,
  SubmitButton,
  TextAreaField,
} from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import type { DeskRequest } from "../api/get-desk-request.ts";
import { useSendAccessExport } from "../api/send-access-export.ts";
import { useVerifyIdentity } from "../api/verify-identity.ts";
import { useI18n } from "../messages.ts";

/** Hands the printable letter to the browser as a download. */
function download(fileName: string, html: string) {
  const url = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * A paper (or e-mail) access request: first how the requester's identity was verified, then "send the data to the
 * customer", which the BFF sends to the address on record only.
 */
export function PaperAccessPanel({
  requestId,
  identity,
  pending,
  onDone,
}: {
  requestId: string;
  identity: DeskRequest["identity"];
  pending: boolean;
  onDone: (message: string) => void;
}) {
  const { t, pick, locale } = useI18n();
  const base = useId();
  const verify = useVerifyIdentity(requestId);
  const send = useSendAccessExport(requestId);
  const [method, setMethod] = useState<IdentityMethod | null>(null);
  const [otherText, setOtherText] = useState("");
  const errors = fieldErrors(verify.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate(
      { method: (method ?? "") as IdentityMethod, otherText: method === "other" ? otherText : null },
      { onSuccess: () => onDone(t("deskIdentityVerifiedDone")) },
    );
  };
  const sendExport = () =>
    send.mutate(undefined, {
      onSuccess: (produced) => {
        if (produced.delivery === "letter") {
          download(produced.fileName, produced.html);
          onDone(t("deskExportLetterDone"));
        } else {
          onDone(t("deskExportMailedDone", { to: produced.sentTo }));
        }
      },
    });

  const headingId = `${base}-heading`;
  const stored = identity ? identityMethodOf(identity.method) : null;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("deskPaperAccessHeading")}</h2>
      <p>{t("deskPaperAccessIntro")}</p>
      {identity && stored ? (
        <p>
          {t("deskIdentityVerifiedBy", {
            method: stored.otherText ?? pick(identityMethodNames[stored.method]),
            who: identity.verifiedBy ?? "",
            at: formatDateTime(identity.verifiedAt, locale),
          })}
        </p>
      ) : (
        pending && (
          <form onSubmit={submit} noValidate className="form">
            <ChoiceGroup
              id={`${base}-method`}
              legend={t("deskIdentityMethod")}
              options={identityMethods.map((m) => [m, pick(identityMethodNames[m])] as const)}
              value={method}
              onChange={setMethod}
              error={errors.get("method")}
            />
            {method === "other" && (
              <TextAreaField
                id={`${base}-other`}
                label={t("deskIdentityOther")}
                rows={2}
                value={otherText}
                onValue={setOtherText}
                error={errors.get("otherText")}
              />
            )}
            <FormError code={formError(verify.error, ["method", "otherText"])} />
            <SubmitButton
              pending={verify.isPending}
              label={t("deskIdentityVerify")}
              pendingLabel={t("deskIdentityVerifying")}
            />
          </form>
        )
      )}
      {pending && (
        <div className="actions">
          <button type="button" onClick={sendExport} disabled={send.isPending}>
            {t("deskExportSend")}
          </button>
        </div>
      )}
      <FormError code={formError(send.error, [])} />
    </section>
  );
}
