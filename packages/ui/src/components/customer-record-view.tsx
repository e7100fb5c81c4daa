import {
  type CustomerRecord,
  type DataCategoryId,
  type DatumSource,
  dataCategoryIds,
  type ErasureScheduleTextKey,
  type ErasureScheduleView,
  erasureScheduleTextKey,
  type Invoice,
  legalBasesOf,
  type Order,
  type OrganisationRoleKind,
  partyName,
  purposesOf,
} from "@tietoni/domain";
import { Fragment, type ReactNode, useId } from "react";
import { formatDate, formatDateTime, formatMoney } from "../format.ts";
import { type SharedMessageKey, useSharedI18n } from "../i18n/shared-messages.ts";
import { useNotice } from "../notice/notice-provider.tsx";
import { DataTable } from "./data-table.tsx";
import { EmptyState } from "./status.tsx";

const roleKeys: Record<OrganisationRoleKind, SharedMessageKey> = {
  representative: "roleRepresentative",
  contactPerson: "roleContactPerson",
};

const orderStatusKeys: Record<Order["status"], SharedMessageKey> = {
  received: "orderStatusReceived",
  delivered: "orderStatusDelivered",
  cancelled: "orderStatusCancelled",
};

/** Collection is the state that matters most to the customer (it blocks erasure), so it wins over open/paid. */
function invoiceStateKey(invoice: Invoice): SharedMessageKey {
  if (invoice.inCollection) return "invoiceInCollection";
  // Issue 12: a written-off invoice is no longer open (it no longer blocks erasure either).
  if (invoice.status === "written_off") return "invoiceWrittenOff";
  return invoice.status === "paid" ? "invoicePaid" : "invoiceOpen";
}

/** The state with what the customer needs to act on it: the agency collecting, the day a debt was written off. */
function InvoiceState({ invoice }: { invoice: Invoice }) {
  const { t, locale } = useSharedI18n();
  if (invoice.inCollection && invoice.collectionAgency)
    return <>{t("invoiceInCollectionBy", { agency: invoice.collectionAgency })}</>;
  if (invoice.status === "written_off" && invoice.writtenOffOn)
    return <>{t("invoiceWrittenOffOn", { date: formatDate(invoice.writtenOffOn, locale) })}</>;
  return <>{t(invoiceStateKey(invoice))}</>;
}

const erasureWhyKeys: Record<ErasureScheduleTextKey, SharedMessageKey> = {
  recorded: "erasureWhyRecorded",
  derived: "erasureWhyDerived",
  continuesOpenInvoice: "erasureWhyOpenInvoice",
  continuesActiveRole: "erasureWhyActiveRole",
};

type Field = { label: string; value: ReactNode };

function Fields({ fields }: { fields: Field[] }) {
  return (
    <dl className="fields">
      {fields.map((field) => (
        <Fragment key={field.label}>
          <dt>{field.label}</dt>
          <dd>{field.value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/**
 * Everything the register holds on one customer (GDPR Art. 15), grouped by the notice's data categories.
 * Beside each category: why it is held, where it came from, who receives it and how long it is kept.
 * Categories are `<h2>`; the page's `<h1>` belongs to the app.
 * `protectedAddress` (staff only) stands in for a postal address the staff view withholds (an update service's
 * non-disclosure flag): the staff app passes its "Show" action, which asks for a reason.
 */
export function CustomerRecordView({
  record,
  protectedAddress,
}: {
  record: CustomerRecord;
  protectedAddress?: ReactNode;
}) {
  const idPrefix = useId();
  return (
    <div className="customer-record">
      <RelationshipSection record={record} headingId={`${idPrefix}-relationship`} />
      {dataCategoryIds.map((category) => (
        <CategorySection
          key={category}
          category={category}
          record={record}
          headingId={`${idPrefix}-${category}`}
          protectedAddress={protectedAddress}
        />
      ))}
    </div>
  );
}

function RelationshipSection({ record, headingId }: { record: CustomerRecord; headingId: string }) {
  const { t, locale } = useSharedI18n();
  const { profile } = record;
  const fields: Field[] = [
    { label: t("customerId"), value: profile.id },
    { label: t("relationshipStart"), value: formatDate(profile.relationshipStart, locale) },
    profile.relationshipEnd
      ? { label: t("relationshipEnd"), value: formatDate(profile.relationshipEnd, locale) }
      : { label: t("relationshipStatus"), value: t("relationshipOngoing") },
    { label: t("recordCreatedAt"), value: formatDateTime(profile.createdAt, locale) },
    ...erasureFields(record.erasureSchedule, t, (date) => formatDate(date, locale)),
  ];
  return (
    <section className="record-relationship" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("relationshipHeading")}</h2>
      <Fields fields={fields} />
    </section>
  );
}

/** When the data is due to be erased and why, as the lifecycle rule decided it (issue 12). */
function erasureFields(
  schedule: ErasureScheduleView,
  t: ReturnType<typeof useSharedI18n>["t"],
  date: (iso: string) => string,
): Field[] {
  const end = schedule.relationshipEnd;
  const why = t(erasureWhyKeys[erasureScheduleTextKey(end)], {
    end: end.kind === "continues" ? "" : date(end.endsOn),
    activity: end.kind === "derived" ? date(end.activityOn) : "",
    months: schedule.relationshipEndsAfterMonths,
  });
  return [
    {
      label: t("erasureDueOn"),
      value: schedule.erasureDueOn ? t("erasureDueDate", { date: date(schedule.erasureDueOn) }) : t("erasureNoDateYet"),
    },
    { label: t("erasureWhy"), value: why },
  ];
}

function CategorySection({
  category,
  record,
  headingId,
  protectedAddress,
}: {
  category: DataCategoryId;
  record: CustomerRecord;
  headingId: string;
  protectedAddress?: ReactNode;
}) {
  const { pick } = useSharedI18n();
  const notice = useNotice();
  const description = notice.dataCategories[category];
  // A category the notice omits is not held by this controller (issue 15): nothing to show.
  if (!description) return null;
  return (
    <section className="record-category" aria-labelledby={headingId}>
      <h2 id={headingId}>{pick(description.name)}</h2>
      <div className="record-values">
        <CategoryValues category={category} record={record} protectedAddress={protectedAddress} />
      </div>
      <ProcessingBox category={category} sources={record.sources.filter((source) => source.category === category)} />
    </section>
  );
}

function CategoryValues({
  category,
  record,
  protectedAddress,
}: {
  category: DataCategoryId;
  record: CustomerRecord;
  protectedAddress?: ReactNode;
}) {
  const { t } = useSharedI18n();
  const { profile } = record;
  const orNotRecorded = (value: string | null) => value ?? t("notRecorded");
  switch (category) {
    case "name":
      return (
        <Fields
          fields={[
            { label: t("firstName"), value: profile.firstName },
            { label: t("lastName"), value: profile.lastName },
          ]}
        />
      );
    case "organisation":
      return <OrganisationRoles roles={record.organisationRoles} />;
    case "email":
      return <Fields fields={[{ label: t("email"), value: profile.email }]} />;
    case "postalAddress": {
      const address = profile.postalAddress;
      if (!address && profile.addressProtected)
        return <Fields fields={[{ label: t("postalAddress"), value: protectedAddress ?? t("addressProtected") }]} />;
      if (!address) return <Fields fields={[{ label: t("postalAddress"), value: t("notRecorded") }]} />;
      return (
        <Fields
          fields={[
            { label: t("street"), value: address.street },
            { label: t("postalCode"), value: address.postalCode },
            { label: t("city"), value: address.city },
            { label: t("country"), value: address.country },
          ]}
        />
      );
    }
    case "phone":
      return <Fields fields={[{ label: t("phone"), value: orNotRecorded(profile.phone) }]} />;
    case "www":
      // Shown as text, not a link: the address is customer-supplied and may not be safe to open.
      return <Fields fields={[{ label: t("www"), value: orNotRecorded(profile.www) }]} />;
    case "ipAddress":
      return <IpAddresses ipAddresses={record.ipAddresses} />;
    case "orders":
      return <Orders orders={record.orders} total={record.ordersTotal} />;
    case "billing":
      return <Billing record={record} />;
  }
}

function OrganisationRoles({ roles }: { roles: CustomerRecord["organisationRoles"] }) {
  const { t, locale } = useSharedI18n();
  return (
    <DataTable
      caption={t("organisationRolesCaption")}
      columns={[t("organisationName"), t("businessId"), t("role"), t("startDate"), t("endDate")]}
      rows={roles}
      rowKey={(role) => `${role.organisationName}-${role.role}-${role.startDate}`}
      empty={<EmptyState>{t("noOrganisationRoles")}</EmptyState>}
    >
      {(role) => (
        <>
          <th scope="row">{role.organisationName}</th>
          <td>{role.businessId ?? t("notRecorded")}</td>
          <td>{t(roleKeys[role.role])}</td>
          <td>{formatDate(role.startDate, locale)}</td>
          <td>{role.endDate ? formatDate(role.endDate, locale) : t("ongoing")}</td>
        </>
      )}
    </DataTable>
  );
}

function IpAddresses({ ipAddresses }: { ipAddresses: CustomerRecord["ipAddresses"] }) {
  const { t, locale } = useSharedI18n();
  return (
    <DataTable
      caption={t("ipAddressesCaption")}
      columns={[t("ipAddress"), t("seenAt")]}
      rows={ipAddresses}
      rowKey={(seen) => `${seen.ip}-${seen.seenAt}`}
      empty={<EmptyState>{t("noIpAddresses")}</EmptyState>}
    >
      {(seen) => (
        <>
          <th scope="row">{seen.ip}</th>
          <td>{formatDateTime(seen.seenAt, locale)}</td>
        </>
      )}
    </DataTable>
  );
}

function Orders({ orders, total }: { orders: Order[]; total: number }) {
  const { t, locale } = useSharedI18n();
  if (orders.length === 0) return <EmptyState>{t("noOrders")}</EmptyState>;
  return (
    <>
      {total > orders.length ? (
        <p className="note">
          {t("ordersShown", { shown: orders.length, total })} {t("ordersInDownload")}
        </p>
      ) : null}
      <DataTable
        caption={t("ordersCaption")}
        columns={[t("orderNumber"), t("orderedAt"), t("status"), { label: t("total"), number: true }, t("orderLines")]}
        rows={orders}
        rowKey={(order) => order.orderNumber}
      >
        {(order) => (
          <>
            <th scope="row">{order.orderNumber}</th>
            <td>{formatDateTime(order.orderedAt, locale)}</td>
            <td>{t(orderStatusKeys[order.status])}</td>
            <td className="number">{formatMoney(order.totalCents, order.currency, locale)}</td>
            <td>
              <OrderLines order={order} />
            </td>
          </>
        )}
      </DataTable>
    </>
  );
}

/** Lines fold away so a long order history stays scannable. */
function OrderLines({ order }: { order: Order }) {
  const { t, locale } = useSharedI18n();
  if (order.lines.length === 0) return <>{t("noOrderLines")}</>;
  return (
    <details>
      <summary>{t("showOrderLines", { count: order.lines.length })}</summary>
      <table>
        <caption>{t("orderLinesCaption", { orderNumber: order.orderNumber })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("lineNo")}</th>
            <th scope="col">{t("product")}</th>
            <th scope="col" className="number">
              {t("quantity")}
            </th>
            <th scope="col" className="number">
              {t("unitPrice")}
            </th>
            <th scope="col" className="number">
              {t("lineTotal")}
            </th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.lineNo}>
              <th scope="row">{line.lineNo}</th>
              <td>{line.product}</td>
              <td className="number">{line.quantity}</td>
              <td className="number">{formatMoney(line.unitPriceCents, order.currency, locale)}</td>
              <td className="number">{formatMoney(line.unitPriceCents * line.quantity, order.currency, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Billing({ record }: { record: CustomerRecord }) {
  const { t, locale } = useSharedI18n();
  const { billing, invoices } = record;
  return (
    <>
      <h3>{t("billingDetailsHeading")}</h3>
      {billing ? (
        <Fields
          fields={[
            { label: t("billingName"), value: billing.billingName },
            {
              label: t("billingAddress"),
              value: (
                <>
                  {billing.address.street}
                  <br />
                  {billing.address.postalCode} {billing.address.city}
                  <br />
                  {billing.address.country}
                </>
              ),
            },
            { label: t("eInvoiceAddress"), value: billing.eInvoiceAddress ?? t("notRecorded") },
            { label: t("paymentTerm"), value: t("paymentTermDays", { days: billing.paymentTermDays }) },
          ]}
        />
      ) : (
        <EmptyState>{t("noBillingDetails")}</EmptyState>
      )}
      <h3>{t("invoicesHeading")}</h3>
      <DataTable
        caption={t("invoicesCaption")}
        columns={[
          t("invoiceNumber"),
          t("invoiceOrder"),
          t("issuedAt"),
          t("dueAt"),
          { label: t("amount"), number: true },
          t("status"),
          t("paidAt"),
        ]}
        rows={invoices}
        rowKey={(invoice) => invoice.invoiceNumber}
        empty={<EmptyState>{t("noInvoices")}</EmptyState>}
      >
        {(invoice) => (
          <>
            <th scope="row">{invoice.invoiceNumber}</th>
            <td>{invoice.orderNumber ?? ""}</td>
            <td>{formatDate(invoice.issuedAt, locale)}</td>
            <td>{formatDate(invoice.dueAt, locale)}</td>
            <td className="number">{formatMoney(invoice.amountCents, invoice.currency, locale)}</td>
            <td>
              <InvoiceState invoice={invoice} />
            </td>
            <td>{invoice.paidAt ? formatDate(invoice.paidAt, locale) : ""}</td>
          </>
        )}
      </DataTable>
    </>
  );
}

/** The notice's promises for one category, next to this customer's own provenance records for it. */
function ProcessingBox({ category, sources }: { category: DataCategoryId; sources: DatumSource[] }) {
  const { t, pick, locale } = useSharedI18n();
  const notice = useNotice();
  const description = notice.dataCategories[category];
  if (!description) return null;
  return (
    <div className="processing-box">
      <h3>{t("processingHeading")}</h3>
      <dl>
        <dt>{t("whyWeHold")}</dt>
        <dd>
          <ul>
            {purposesOf(notice, category).map((purpose) => (
              <li key={purpose.id}>{pick(purpose.text)}</li>
            ))}
          </ul>
        </dd>
        <dt>{t("onWhatBasis")}</dt>
        <dd>
          <ul>
            {legalBasesOf(notice, category).map((basis) => (
              <li key={basis.article}>
                {t("legalBasisWithArticle", { basis: pick(basis.name), article: basis.article })}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t("whereFrom")}</dt>
        <dd>
          <ul>
            {description.sources.map((source) => (
              <li key={source}>{pick(partyName(notice, "source", source))}</li>
            ))}
          </ul>
        </dd>
        <dt>{t("recordedSources")}</dt>
        <dd>
          {sources.length === 0 ? (
            t("noRecordedSources")
          ) : (
            <ul>
              {sources.map((source) => (
                <li key={`${source.source}-${source.notedAt}-${source.systemName ?? ""}`}>
                  {source.systemName
                    ? t("sourceFromSystem", {
                        source: pick(partyName(notice, "source", source.source)),
                        system: source.systemName,
                        date: formatDate(source.notedAt, locale),
                      })
                    : t("sourceNotedAt", {
                        source: pick(partyName(notice, "source", source.source)),
                        date: formatDate(source.notedAt, locale),
                      })}
                  {source.detail ? ` (${source.detail})` : ""}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t("whoReceives")}</dt>
        <dd>
          <ul>
            {description.recipients.map((recipient) => (
              <li key={recipient}>{pick(partyName(notice, "recipient", recipient))}</li>
            ))}
          </ul>
        </dd>
        <dt>{t("howLong")}</dt>
        <dd>{pick(description.retention)}</dd>
      </dl>
    </div>
  );
}
