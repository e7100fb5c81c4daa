import {
  categoryName,
  correctableFieldNames,
  disclosureChannelLabels,
  disclosureLegalBasisLabels,
  disclosureReasonLabels,
  type ExportCustomer,
  erasureScheduleTextKey,
  erasureScheduleTexts,
  type Locale,
  type Localized,
  marketingChannelNames,
  marketingPurposeNames,
  marketingPurposes,
  partyName,
  requestStateNames,
  requestTypeNames,
  restrictionGroundNames,
  staffRoleNames,
} from "@tietoni/domain";
import { type Batches, type ExportReader, inOneBatch } from "./export-reader.ts";
import type { ExportMeta } from "./json-writer.ts";
import { withCurrent } from "./json-writer.ts";
import {
  actorTypeNames,
  decisionOutcomeNames,
  fieldNames,
  invoiceStatusNames,
  labels,
  orderStatusNames,
  organisationRoleNames,
} from "./labels.ts";
import type { Piece } from "./pull-stream.ts";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Every text that goes into the document passes through here: stored data is never markup. */
export function esc(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return String(value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

const STYLE = `
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; background: #fff;
  max-width: 62rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; }
h2 { font-size: 1.35em; border-bottom: 2px solid #555; padding-bottom: 0.15em; margin-top: 2em; }
h3 { font-size: 1.1em; margin-top: 1.4em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1.5em; font-size: 0.95em; }
caption { text-align: left; font-weight: 600; padding: 0.3em 0; }
th, td { border: 1px solid #aaa; padding: 0.25em 0.5em; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #e8e8e8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25em 1em; }
dt { font-weight: 600; }
dd { margin: 0; }
ul.compact { margin: 0; padding-left: 1.1em; }
.none, .meta { color: #444; }
.none { font-style: italic; }
a { color: #0645ad; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5pt; }
  nav { display: none; }
  h2, h3, caption { break-after: avoid; }
  tr, li, dt, dd { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
`;

type Formatters = ReturnType<typeof formatters>;

function formatters(locale: Locale) {
  const tag = locale === "fi" ? "fi-FI" : "en-GB";
  const dateTime = new Intl.DateTimeFormat(tag, {
    timeZone: "Europe/Helsinki",
    dateStyle: "medium",
    timeStyle: "short",
  });
  // Calendar dates have no time zone: format them as the UTC midnight they are parsed as.
  const date = new Intl.DateTimeFormat(tag, { timeZone: "UTC", dateStyle: "medium" });
  const money = new Map<string, Intl.NumberFormat>();
  const t = (text: Localized) => esc(text[locale]);
  return {
    t,
    dateTime: (iso: string | null) => (iso === null ? "" : esc(dateTime.format(new Date(iso)))),
    date: (isoDate: string | null) => (isoDate === null ? "" : esc(date.format(new Date(`${isoDate}T00:00:00Z`)))),
    money(cents: number, currency: string) {
      let f = money.get(currency);
      if (!f) {
        f = new Intl.NumberFormat(tag, { style: "currency", currency });
        money.set(currency, f);
      }
      return esc(f.format(cents / 100));
    },
    yesNo: (value: boolean) => t(value ? labels.yes : labels.no),
    name: <K extends string>(names: Partial<Record<K, Localized>>, id: K) => {
      const text = names[id];
      return text ? t(text) : esc(id);
    },
  };
}

type Column = { label: Localized; numeric?: boolean };

/**
 * A table whose rows are written as they are read; the first cell of each row is its header.
 * An empty list becomes a "none" line instead of an empty table.
 */
async function* table<T>(
  f: Formatters,
  caption: Localized,
  columns: readonly Column[],
  rows: Batches<T>,
  cells: (row: T) => string[],
): AsyncGenerator<Piece> {
  let open = false;
  for await (const batch of rows) {
    if (!open) {
      const head = columns.map((c) => `<th scope="col">${f.t(c.label)}</th>`).join("");
      yield `<table><caption>${f.t(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n`;
      open = true;
    }
    let text = "";
    for (const row of batch) {
      const html = cells(row)
        .map((cell, i) => {
          if (i === 0) return `<th scope="row">${cell}</th>`;
          return columns[i]?.numeric ? `<td class="num">${cell}</td>` : `<td>${cell}</td>`;
        })
        .join("");
      text += `<tr>${html}</tr>\n`;
    }
    yield text;
  }
  yield open ? "</tbody></table>\n" : `<p class="none">${f.t(labels.none)}</p>\n`;
}

function dl(f: Formatters, entries: readonly [Localized, string][]): string {
  return `<dl>${entries.map(([term, value]) => `<dt>${f.t(term)}</dt><dd>${value || f.t(labels.empty)}</dd>`).join("")}</dl>\n`;
}

/** The erasure date and why (issue 12, retention/lifecycle.ts), as "My data" shows them. */
function erasureRows(f: Formatters, schedule: ExportCustomer["erasureSchedule"]): [Localized, string][] {
  const end = schedule.relationshipEnd;
  const why = f
    .t(erasureScheduleTexts[erasureScheduleTextKey(end)])
    .replace("{end}", end.kind === "continues" ? "" : f.date(end.endsOn))
    .replace("{activity}", end.kind === "derived" ? f.date(end.activityOn) : "")
    .replace("{months}", String(schedule.relationshipEndsAfterMonths));
  return [
    [labels.erasureDueOn, schedule.erasureDueOn ? f.date(schedule.erasureDueOn) : f.t(labels.erasureNoDateYet)],
    [labels.erasureWhy, why],
  ];
}

function list(items: readonly string[]): string {
  return items.length === 0 ? "" : `<ul class="compact">${items.map((i) => `<li>${i}</li>`).join("")}</ul>`;
}

const SECTIONS = [
  "register",
  "profile",
  "organisationRoles",
  "ipAddresses",
  "orders",
  "invoices",
  "billing",
  "sources",
  "requests",
  "marketing",
  "contactChanges",
  "signIns",
  "sessions",
  "staffViews",
  "downloads",
  "disclosureLog",
] as const;

const open = (f: Formatters, id: (typeof SECTIONS)[number]) =>
  `<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${f.t(labels[id])}</h2>\n`;
const close = "</section>\n";

async function* registerSection(f: Formatters, meta: ExportMeta): AsyncGenerator<Piece> {
  const r = meta.register;
  const { t } = f;
  const contact = (c: typeof r.controller) =>
    `${esc(c.name)}<br>${esc(c.streetAddress)}, ${esc(c.postalCode)} ${esc(c.city)}<br>${esc(c.phone)}, ${esc(c.email)}`;
  yield open(f, "register");
  yield dl(f, [
    [labels.controller, contact(r.controller)],
    [labels.contactPerson, contact(r.contactPerson)],
    [labels.registerName, t(r.registerName)],
    [labels.noticeDate, f.date(r.noticeDate)],
    [labels.legalBasis, `${t(r.legalBasis.text)} (GDPR ${esc(r.legalBasis.article)})`],
  ]);
  const basis = (b: (typeof r.purposes)[number]["legalBasis"]) => `${t(b.name)} (GDPR ${esc(b.article)})`;
  yield `<h3>${t(labels.purposes)}</h3>\n${list(r.purposes.map((p) => `${t(p.text)} ${t(labels.legalBasis)}: ${basis(p.legalBasis)}.`))}\n`;
  yield `<h3>${t(labels.dataCategories)}</h3>\n`;
  const purposeText = new Map(r.purposes.map((p) => [p.id, t(p.text)]));
  const purposeBasis = new Map(r.purposes.map((p) => [p.id, basis(p.legalBasis)]));
  yield* table(
    f,
    labels.dataCategories,
    [
      labels.category,
      labels.purposes,
      labels.legalBasis,
      labels.registerSources,
      labels.recipients,
      labels.retention,
    ].map((label) => ({ label })),
    inOneBatch(Object.values(r.dataCategories)),
    (c) => [
      `${t(c.name)}<br><span class="meta">${t(c.description)}</span>`,
      list(c.purposeIds.map((id) => purposeText.get(id) ?? esc(id))),
      // Each basis once, in the order of the category's purposes (the notice states one for all of them).
      list([...new Set(c.purposeIds.flatMap((id) => purposeBasis.get(id) ?? []))]),
      list(c.sources.map((s) => t(partyName(r, "source", s)))),
      list(c.recipients.map((id) => t(partyName(r, "recipient", id)))),
      t(c.retention),
    ],
  );
  yield `<h3>${t(labels.registerSources)}</h3>\n`;
  yield dl(
    f,
    Object.values(r.sources).map((s) => [s.name, t(s.description)]),
  );
  yield `<h3>${t(labels.recipients)}</h3>\n`;
  yield dl(
    f,
    Object.values(r.recipients).map((s) => [s.name, t(s.description)]),
  );
  yield `<h3>${t(labels.disclosures)}</h3>\n<p>${t(r.disclosures)}</p>\n`;
  yield `<h3>${t(labels.transfersOutsideEea)}</h3>\n<p>${t(r.transfersOutsideEea)}</p>\n`;
  yield `<h3>${t(labels.retention)}</h3>\n<p>${t(r.retention.text)}</p>\n`;
  yield `<h3>${t(labels.automatedDecisionMaking)}</h3>\n<p>${t(r.automatedDecisionMaking)}</p>\n`;
  yield `<h3>${t(labels.rights)}</h3>\n`;
  yield dl(
    f,
    r.rights.map((right) => [
      {
        fi: `${right.title.fi} (${labels.article.fi} ${right.article})`,
        en: `${right.title.en} (${labels.article.en} ${right.article})`,
      },
      t(right.text),
    ]),
  );
  const a = r.supervisoryAuthority;
  yield `<h3>${t(labels.supervisoryAuthority)}</h3>\n`;
  yield dl(f, [
    [labels.supervisoryAuthority, t(a.name)],
    [labels.postalAddress, esc(a.postalAddress)],
    [labels.visitingAddress, esc(a.visitingAddress)],
    [labels.phone, esc(a.phone)],
    [labels.email, esc(a.email)],
    [labels.web, `<a href="${esc(a.web)}">${esc(a.web)}</a>`],
    [labels.complaint, t(a.complaintText)],
  ]);
  yield close;
}

/** The readable, printable document: the register's notice, then every part of the customer's data. */
export async function* htmlExport(reader: ExportReader, meta: ExportMeta, locale: Locale): AsyncGenerator<Piece> {
  const f = formatters(locale);
  const { t } = f;
  const p = reader.profile;
  const title = `${t(labels.documentTitle)} – ${esc(p.firstName)} ${esc(p.lastName)}`;

  yield `<!doctype html>\n<html lang="${locale}">\n<head>\n<meta charset="utf-8">\n`;
  yield `<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${title}</title>\n`;
  yield `<style>${STYLE}</style>\n</head>\n<body>\n`;
  yield `<header><h1>${title}</h1>\n`;
  yield `<p class="meta">${t(meta.register.registerName)} – ${esc(meta.register.controller.name)}. `;
  yield `${t(labels.generatedAt)}: ${f.dateTime(meta.generatedAt)}.</p>\n`;
  const v = meta.noticeVersion;
  if (v)
    yield `<p class="meta">${t(labels.noticeVersion)}: ${t(labels.noticeVersionText)
      .replace("{id}", String(v.id))
      .replace("{date}", f.date(v.noticeDate))
      .replace("{since}", f.dateTime(v.inForceSince))
      .replace("{sha256}", `<code>${esc(v.sha256)}</code>`)}.</p>\n`;
  yield `<p>${t(labels.intro)}</p></header>\n`;
  yield `<nav aria-labelledby="contents-h"><h2 id="contents-h">${t(labels.contents)}</h2>\n<ol>`;
  yield SECTIONS.map((id) => `<li><a href="#${id}">${t(labels[id])}</a></li>`).join("");
  yield "</ol></nav>\n<main>\n";

  yield* registerSection(f, meta);

  yield open(f, "profile");
  const address = p.postalAddress;
  yield dl(f, [
    [labels.customerId, esc(p.id)],
    [labels.firstName, esc(p.firstName)],
    [labels.lastName, esc(p.lastName)],
    [labels.email, esc(p.email)],
    [labels.phone, esc(p.phone)],
    [
      labels.postalAddress,
      address
        ? `${esc(address.street)}<br>${esc(address.postalCode)} ${esc(address.city)}<br>${esc(address.country)}`
        : "",
    ],
    [labels.www, esc(p.www)],
    [labels.relationshipStart, f.date(p.relationshipStart)],
    [labels.relationshipEnd, f.date(p.relationshipEnd)],
    [labels.createdAt, f.dateTime(p.createdAt)],
    ...erasureRows(f, await reader.erasureSchedule()),
  ]);
  yield close;

  yield open(f, "organisationRoles");
  yield* table(
    f,
    labels.organisationRoles,
    [labels.organisation, labels.businessId, labels.role, labels.startDate, labels.endDate].map((label) => ({ label })),
    reader.organisationRoles(),
    (r) => [
      esc(r.organisationName),
      esc(r.businessId),
      f.name(organisationRoleNames, r.role),
      f.date(r.startDate),
      f.date(r.endDate),
    ],
  );
  yield close;

  yield open(f, "ipAddresses");
  yield* table(f, labels.ipAddresses, [{ label: labels.ip }, { label: labels.seenAt }], reader.ipAddresses(), (r) => [
    esc(r.ip),
    f.dateTime(r.seenAt),
  ]);
  yield close;

  yield open(f, "orders");
  yield* table(
    f,
    labels.orders,
    [
      { label: labels.orderNumber },
      { label: labels.orderedAt },
      { label: labels.status },
      { label: labels.total, numeric: true },
      { label: labels.lines },
    ],
    reader.orders(),
    (o) => [
      esc(o.orderNumber),
      f.dateTime(o.orderedAt),
      f.name(orderStatusNames, o.status),
      f.money(o.totalCents, o.currency),
      list(
        o.lines.map(
          (l) => `${esc(l.lineNo)}. ${esc(l.product)} – ${esc(l.quantity)} × ${f.money(l.unitPriceCents, o.currency)}`,
        ),
      ),
    ],
  );
  yield close;

  yield open(f, "invoices");
  yield* table(
    f,
    labels.invoices,
    [
      { label: labels.invoiceNumber },
      { label: labels.orderNumber },
      { label: labels.issuedAt },
      { label: labels.dueAt },
      { label: labels.amount, numeric: true },
      { label: labels.status },
      { label: labels.inCollection },
      { label: labels.paidAt },
      { label: labels.collectionAgency },
      { label: labels.writtenOffOn },
    ],
    reader.invoices(),
    (i) => [
      esc(i.invoiceNumber),
      esc(i.orderNumber),
      f.date(i.issuedAt),
      f.date(i.dueAt),
      f.money(i.amountCents, i.currency),
      f.name(invoiceStatusNames, i.status),
      f.yesNo(i.inCollection),
      f.date(i.paidAt),
      esc(i.collectionAgency),
      f.date(i.writtenOffOn),
    ],
  );
  yield close;

  yield open(f, "billing");
  const billing = await reader.billing();
  if (billing) {
    const a = billing.address;
    yield dl(f, [
      [labels.billingName, esc(billing.billingName)],
      [labels.billingAddress, `${esc(a.street)}<br>${esc(a.postalCode)} ${esc(a.city)}<br>${esc(a.country)}`],
      [labels.eInvoiceAddress, esc(billing.eInvoiceAddress)],
      [labels.paymentTermDays, esc(billing.paymentTermDays)],
    ]);
  } else {
    yield `<p class="none">${t(labels.none)}</p>\n`;
  }
  yield close;

  yield open(f, "sources");
  const register = meta.register;
  yield* table(
    f,
    labels.sources,
    [labels.category, labels.source, labels.system, labels.notedAt, labels.detail].map((label) => ({ label })),
    reader.sources(),
    (s) => [
      t(categoryName(register, s.category)),
      t(register.sources[s.source]?.name ?? { fi: s.source, en: s.source }),
      esc(s.systemName),
      f.dateTime(s.notedAt),
      esc(s.detail),
    ],
  );
  yield close;

  yield open(f, "requests");
  yield* table(
    f,
    labels.requests,
    [
      labels.requestType,
      labels.receivedOn,
      labels.dueOn,
      labels.status,
      labels.requestText,
      labels.decision,
      labels.history,
    ].map((label) => ({ label })),
    reader.requests(),
    (r) => {
      const asked = [esc(r.text)];
      if (r.correction) {
        const c = r.correction;
        asked.push(
          `${f.name(correctableFieldNames, c.field)}: ${esc(c.currentValue)} → ${esc(c.newValue)} (${t(labels.reason)}: ${esc(c.reason)})`,
        );
      }
      if (r.restrictionGround) asked.push(f.name(restrictionGroundNames, r.restrictionGround));
      const due = r.extension
        ? `${f.date(r.dueOn)}<br>${t(labels.extension)}: ${esc(r.extension.months)} ${t(labels.months)}, ${esc(r.extension.reasons)}`
        : f.date(r.dueOn);
      const decision = r.decision
        ? `${f.name(decisionOutcomeNames, r.decision.outcome)} ${f.dateTime(r.decision.decidedAt)}<br>${esc(r.decision.reasons)}`
        : "";
      return [
        f.name(requestTypeNames, r.type),
        f.date(r.receivedOn),
        due,
        f.name(requestStateNames, r.state),
        asked.filter((s) => s !== "").join("<br>"),
        decision,
        list(r.history.map((h) => `${f.dateTime(h.at)}: ${esc(h.event)}${h.note ? ` – ${esc(h.note)}` : ""}`)),
      ];
    },
  );
  yield close;

  yield open(f, "marketing");
  const objections = await reader.objections();
  yield* table(
    f,
    labels.marketing,
    [{ label: labels.purpose }, { label: labels.objected }],
    inOneBatch(marketingPurposes),
    (purpose) => [t(marketingPurposeNames[purpose].name), f.yesNo(objections[purpose])],
  );
  yield `<h3>${t(labels.marketingHistory)}</h3>\n`;
  yield* table(
    f,
    labels.marketingHistory,
    [labels.at, labels.purpose, labels.change, labels.channel].map((label) => ({ label })),
    reader.marketingHistory(),
    (m) => [
      f.dateTime(m.at),
      t(marketingPurposeNames[m.purpose].name),
      `${t(labels.objected)}: ${f.yesNo(m.from)} → ${f.yesNo(m.to)}`,
      f.name(marketingChannelNames, m.channel),
    ],
  );
  yield close;

  yield open(f, "contactChanges");
  yield* table(
    f,
    labels.contactChanges,
    [labels.at, labels.field, labels.oldValue, labels.newValue, labels.changedBy, labels.reason].map((label) => ({
      label,
    })),
    reader.contactChanges(),
    (c) => [
      f.dateTime(c.at),
      f.name(fieldNames, c.field),
      esc(c.oldValue),
      esc(c.newValue),
      f.name(actorTypeNames, c.actorType),
      esc(c.reason),
    ],
  );
  yield close;

  yield open(f, "signIns");
  yield* table(
    f,
    labels.signIns,
    [labels.at, labels.ip, labels.userAgent].map((label) => ({ label })),
    reader.signIns(),
    (s) => [f.dateTime(s.at), esc(s.ip), esc(s.userAgent)],
  );
  yield close;

  yield open(f, "sessions");
  yield* table(
    f,
    labels.sessions,
    [labels.signedInAt, labels.lastSeenAt, labels.ip, labels.userAgent].map((label) => ({ label })),
    reader.sessions(),
    (s) => [f.dateTime(s.createdAt), f.dateTime(s.lastSeenAt), esc(s.ip), esc(s.userAgent)],
  );
  yield close;

  yield open(f, "staffViews");
  yield* table(
    f,
    labels.staffViews,
    [labels.at, labels.staffRole, labels.why].map((label) => ({ label })),
    reader.staffViews(),
    (v) => [f.dateTime(v.at), f.name(staffRoleNames, v.staffRole), t(v.why)],
  );
  yield close;

  yield open(f, "downloads");
  yield* table(
    f,
    labels.downloads,
    [labels.at, labels.format].map((label) => ({ label })),
    withCurrent(meta.current, reader.downloads()),
    (d) => [f.dateTime(d.at), esc(d.format.toUpperCase())],
  );
  yield close;

  // Issue 13: who received the customer's data, as the portal's page shows it.
  yield open(f, "disclosureLog");
  yield* table(
    f,
    labels.disclosureLog,
    [labels.at, labels.recipient, labels.disclosedCategories, labels.why, labels.channel].map((label) => ({ label })),
    reader.disclosures(),
    (d) => [
      f.dateTime(d.at),
      [d.systemName === null ? "" : esc(d.systemName), d.noticeRecipient ? t(d.noticeRecipient.name) : ""]
        .filter((part) => part !== "")
        .join("<br>"),
      list(d.categories.map((c) => t(categoryName(register, c)))),
      `${t(disclosureReasonLabels[d.reason])}<br><span class="meta">${t(disclosureLegalBasisLabels[d.legalBasis])}</span>`,
      t(disclosureChannelLabels[d.channel]),
    ],
  );
  yield close;

  yield "</main>\n</body>\n</html>\n";
}
