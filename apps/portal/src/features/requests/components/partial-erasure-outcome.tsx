import { formatDate } from "@tietoni/ui";
import { useErasureAssessment } from "../api/get-erasure-assessment.ts";
import { useI18n } from "../messages.ts";
import { ComplaintRoute } from "./complaint-route.tsx";
import { ErasureScopeView } from "./erasure-scope.tsx";

/**
 * Issue 14 A, after: what a partial erasure kept, on which ground and until when, as recorded when it was carried
 * out. Shown on the erasure page and with the erasure request it answered (`requestId`); nothing without one.
 */
export function PartialErasureOutcome({ requestId, level = 2 }: { requestId?: string; level?: 2 | 4 }) {
  const { t, locale } = useI18n();
  const partial = useErasureAssessment().data?.partial;
  if (!partial || (requestId !== undefined && partial.requestId !== requestId)) return null;
  return (
    <>
      <ErasureScopeView
        level={level}
        heading={t("requestsScopeDoneHeading", { date: formatDate(partial.erasedAt, locale) })}
        kept={partial.kept}
        erased={partial.erased}
      />
      {partial.remainderErasedAt !== null && (
        <p>{t("requestsScopeRemainderDone", { date: formatDate(partial.remainderErasedAt, locale) })}</p>
      )}
      <ComplaintRoute />
    </>
  );
}
