import { keptDataTexts } from "@tietoni/domain";
import { DataTable, ErrorMessage, fieldErrors, formatDate, formError, Loading, TextAreaField } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useNavigate } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useCreateRequest } from "../api/create-request.ts";
import { useErasureAssessment } from "../api/get-erasure-assessment.ts";
import { useI18n } from "../messages.ts";
import { erasureBlockerText } from "../utils/erasure-blocker-text.ts";
import { requestSentState } from "../utils/request-sent.ts";
import { ComplaintRoute } from "./complaint-route.tsx";
import { ErasureScopeView } from "./erasure-scope.tsx";
import { PartialErasureOutcome } from "./partial-erasure-outcome.tsx";
import { RequestFormActions } from "./request-form-actions.tsx";

/**
 * Before the customer asks for erasure they see what blocks it now and what is kept anyway, under which rule
 * and until when. They may send the request regardless: staff decide, and carry it out as anonymisation — while a
 * ground holds, to the extent the law allows (issue 14 A): the page shows what would be kept per ground and what
 * erased, with the complaint route, and after a partial erasure what was kept.
 */
export function ErasureRequest() {
  const { t, pick, locale } = useI18n();
  const assessment = useErasureAssessment();
  const create = useCreateRequest();
  const navigate = useNavigate();
  const [text, setText] = useState("");
  const id = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { type: "erasure", text },
      {
        onSuccess: ({ request }) =>
          navigate(paths.requests, { state: requestSentState({ type: request.type, dueOn: request.dueOn }) }),
      },
    );
  };

  return (
    <>
      <h1>{t("requestsErasureTitle")}</h1>
      <p>{t("requestsErasureIntro")}</p>
      {assessment.isPending && <Loading />}
      {assessment.isError && <ErrorMessage code="server_error" />}
      {assessment.data && (
        <>
          <PartialErasureOutcome />
          <section aria-labelledby={`${id}-blockers`}>
            <h2 id={`${id}-blockers`}>{t("requestsBlockersHeading")}</h2>
            {assessment.data.assessment.blockers.length === 0 ? (
              <p>{t("requestsBlockersNone")}</p>
            ) : (
              <>
                <ul className="requests-blockers">
                  {assessment.data.assessment.blockers.map((blocker) => (
                    <li key={blocker.ground}>{erasureBlockerText(blocker, pick)}</li>
                  ))}
                </ul>
                <p>{t("requestsBlockedNote")}</p>
              </>
            )}
          </section>
          {!assessment.data.scope.complete && (
            <>
              <ErasureScopeView
                heading={t("requestsScopeHeading")}
                kept={assessment.data.scope.kept}
                erased={assessment.data.scope.erased}
              />
              <ComplaintRoute />
            </>
          )}
          <section aria-labelledby={`${id}-kept`}>
            <h2 id={`${id}-kept`}>{t("requestsKeptHeading")}</h2>
            <DataTable
              caption={t("requestsKeptCaption")}
              columns={[t("requestsKeptWhat"), t("requestsKeptRule"), t("requestsKeptUntil")]}
              rows={assessment.data.assessment.kept}
              rowKey={(kept) => kept.what}
            >
              {(kept) => (
                <>
                  <th scope="row">{pick(keptDataTexts[kept.what].what)}</th>
                  <td>{pick(keptDataTexts[kept.what].rule)}</td>
                  <td>
                    {kept.until === null
                      ? t("requestsKeptForever")
                      : t("requestsKeptUntilDate", { date: formatDate(kept.until, locale) })}
                  </td>
                </>
              )}
            </DataTable>
          </section>
        </>
      )}
      <section aria-labelledby={`${id}-form`}>
        <h2 id={`${id}-form`}>{t("requestsErasureFormHeading")}</h2>
        <form onSubmit={submit} noValidate className="form">
          <TextAreaField
            id={`${id}-text`}
            name="text"
            label={t("requestsErasureTextLabel")}
            hint={t("requestsLanguageHint")}
            maxLength={2000}
            value={text}
            onValue={setText}
            error={fieldErrors(create.error).get("text")}
          />
          <RequestFormActions
            pending={create.isPending}
            label={t("requestsErasureSend")}
            error={formError(create.error, ["text"])}
          />
        </form>
      </section>
    </>
  );
}
