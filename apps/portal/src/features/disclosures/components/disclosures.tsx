import { ApiError, DisclosureTable, EmptyState, ErrorMessage, Loading } from "@tietoni/ui";
import { useDisclosures } from "../api/get-disclosures.ts";
import { useI18n } from "../messages.ts";

/** "Who received my data": the customer's disclosure log, as in every download. */
export function Disclosures() {
  const { t } = useI18n();
  const disclosures = useDisclosures();
  return (
    <>
      <h1>{t("disclosuresTitle")}</h1>
      <p>{t("disclosuresIntro")}</p>
      {disclosures.isPending && <Loading />}
      {disclosures.isError && (
        <ErrorMessage code={disclosures.error instanceof ApiError ? disclosures.error.code : "server_error"} />
      )}
      {disclosures.data && (
        <DisclosureTable
          caption={t("disclosuresCaption")}
          disclosures={disclosures.data.disclosures}
          empty={<EmptyState>{t("disclosuresNone")}</EmptyState>}
        />
      )}
      <p className="note">{t("disclosuresKept")}</p>
    </>
  );
}
