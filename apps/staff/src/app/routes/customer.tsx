import { useParams } from "react-router";
import { CustomerRecordPage } from "../../features/customers/components/customer-record-page.tsx";
import { DisclosuresPanel } from "../../features/disclosures/components/disclosures-panel.tsx";
import { HoldsAndInvoicesPanel } from "../../features/holds-and-invoices/components/holds-and-invoices-panel.tsx";
import { CorrectCustomerForm } from "../../features/records/components/correct-customer-form.tsx";
import { RecordObjectionForm } from "../../features/records/components/record-objection-form.tsx";
import { useI18n } from "../../lib/i18n.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  usePageTitle(t("customerTitle"));
  return (
    <>
      <CustomerRecordPage key={id} id={id} />
      <HoldsAndInvoicesPanel key={`facts-${id}`} customerId={id} />
      <CorrectCustomerForm key={`correct-${id}`} customerId={id} />
      <RecordObjectionForm key={`objection-${id}`} customerId={id} />
      <DisclosuresPanel key={`disclosures-${id}`} customerId={id} />
    </>
  );
}
