import { useId } from "react";
import { useRecordFacts } from "../api/get-record-facts.ts";
import { useI18n } from "../messages.ts";
import { HoldsSection } from "./holds-section.tsx";
import { InvoicesSection } from "./invoices-section.tsx";
import { ObjectionsSection } from "./objections-section.tsx";
import { RelationshipSection } from "./relationship-section.tsx";
import { RolesSection } from "./roles-section.tsx";

/**
 * Staff record-keeping on the customer page (issue 12): objections, legal holds, invoice states, roles and the
 * relationship's end, each with what staff may record. Reads the page's own record (one audited read); shows
 * nothing until it has arrived, nor for a customer the page cannot show.
 */
export function HoldsAndInvoicesPanel({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const id = useId();
  const record = useRecordFacts(customerId);
  if (!record.data) return null;
  const facts = record.data.recordKeeping;
  return (
    <section aria-labelledby={`${id}-heading`} className="operations-panel">
      <h2 id={`${id}-heading`}>{t("factsHeading")}</h2>
      <p className="note">{t("factsIntro")}</p>
      <ObjectionsSection objections={facts.objections} />
      <HoldsSection customerId={customerId} holds={facts.holds} />
      <InvoicesSection customerId={customerId} invoices={facts.invoices} />
      <RolesSection customerId={customerId} roles={facts.roles} />
      <RelationshipSection customerId={customerId} end={facts.relationshipEnd} />
    </section>
  );
}
