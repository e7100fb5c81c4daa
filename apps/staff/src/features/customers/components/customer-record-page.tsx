import { mailLanguage } from "@tietoni/domain";
import { ApiError, CustomerRecordView, ErrorMessage, Loading, useNotice } from "@tietoni/ui";
import { Link } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useI18n } from "../../../lib/i18n.ts";
import { useCustomer } from "../api/get-customer.ts";
import { ProtectedAddress } from "./protected-address.tsx";

/** One customer's record, read-only; the BFF audits the read. */
export function CustomerRecordPage({ id }: { id: string }) {
  const { t } = useI18n();
  const customer = useCustomer(id);
  const notFound = customer.error instanceof ApiError && customer.error.status === 404;
  return (
    <>
      <p>
        <Link to={paths.customers}>{t("backToSearch")}</Link>
      </p>
      <h1>
        {customer.data ? `${customer.data.profile.firstName} ${customer.data.profile.lastName}` : t("customerTitle")}
      </h1>
      {customer.isPending && <Loading />}
      {notFound && <p>{t("customerNotFound")}</p>}
      {customer.error && !notFound && (
        <ErrorMessage code={customer.error instanceof ApiError ? customer.error.code : "server_error"} />
      )}
      {customer.data && (
        <>
          <p className="note">{t("readOnlyNotice")}</p>
          <MailLanguage recorded={customer.data.recordKeeping.mailLanguage} />
          <CustomerRecordView record={customer.data} protectedAddress={<ProtectedAddress customerId={id} />} />
        </>
      )}
    </>
  );
}

/** The language the customer's mail goes in (issue 13): as recorded, or the register's default when none is. */
function MailLanguage({ recorded }: { recorded: "fi" | "en" | null }) {
  const { t } = useI18n();
  const notice = useNotice();
  const name = t(`languageName_${mailLanguage(recorded, notice.defaultLanguage)}`);
  return <p>{t("mailLanguage", { language: recorded ? name : t("mailLanguageDefault", { language: name }) })}</p>;
}
