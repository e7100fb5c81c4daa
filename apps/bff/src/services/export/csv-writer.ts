import {
  type ExportNoticeVersion,
  type ExportRegister,
  type Localized,
  locales,
  marketingPurposeNames,
  marketingPurposes,
  requestTypeNames,
} from "@tietoni/domain";
import { Zip, ZipDeflate } from "fflate";
import { type Cell, csvRow, UTF8_BOM } from "./csv.ts";
import type { Batches, ExportReader } from "./export-reader.ts";
import type { ExportMeta } from "./json-writer.ts";
import { withCurrent } from "./json-writer.ts";
import { labels } from "./labels.ts";
import type { Piece } from "./pull-stream.ts";

type CsvTable = {
  file: string;
  title: Localized;
  columns: readonly string[];
  /** The table's rows, a batch at a time (export-reader.ts `Batches`). */
  rows: () => Batches<readonly Cell[]>;
};

/** A table's rows: each batch of the reader's items mapped to cells. */
async function* cells<T>(items: Batches<T>, row: (item: T) => readonly Cell[]): AsyncGenerator<(readonly Cell[])[]> {
  for await (const batch of items) yield batch.map(row);
}

/** The CSV files, one per table, in the order of the JSON document. Times are ISO 8601 UTC, amounts in cents. */
function tables(reader: ExportReader, meta: ExportMeta): CsvTable[] {
  const p = reader.profile;
  return [
    {
      file: "profile.csv",
      title: labels.profile,
      columns: [
        "customer_id",
        "first_name",
        "last_name",
        "email",
        "phone",
        "street",
        "postal_code",
        "city",
        "country",
        "www",
        "relationship_start",
        "relationship_end",
        "created_at",
        // Issue 12: the lifecycle rule's end (recorded or derived; empty while the relationship continues) and the
        // day the data is due to be erased.
        "relationship_ends_on",
        "erasure_due_on",
      ],
      rows: async function* () {
        const schedule = await reader.erasureSchedule();
        const end = schedule.relationshipEnd;
        yield [
          [
            p.id,
            p.firstName,
            p.lastName,
            p.email,
            p.phone,
            p.postalAddress?.street ?? null,
            p.postalAddress?.postalCode ?? null,
            p.postalAddress?.city ?? null,
            p.postalAddress?.country ?? null,
            p.www,
            p.relationshipStart,
            p.relationshipEnd,
            p.createdAt,
            end.kind === "continues" ? null : end.endsOn,
            schedule.erasureDueOn,
          ],
        ];
      },
    },
    {
      file: "organisation_roles.csv",
      title: labels.organisationRoles,
      columns: ["organisation_name", "business_id", "role", "start_date", "end_date"],
      rows: () =>
        cells(reader.organisationRoles(), (r) => [r.organisationName, r.businessId, r.role, r.startDate, r.endDate]),
    },
    {
      file: "ip_addresses.csv",
      title: labels.ipAddresses,
      columns: ["ip", "seen_at"],
      rows: () => cells(reader.ipAddresses(), (r) => [r.ip, r.seenAt]),
    },
    {
      file: "orders.csv",
      title: labels.orders,
      columns: ["order_number", "ordered_at", "status", "total_cents", "currency"],
      rows: () => cells(reader.orders(), (o) => [o.orderNumber, o.orderedAt, o.status, o.totalCents, o.currency]),
    },
    {
      file: "order_lines.csv",
      title: labels.lines,
      columns: ["order_number", "line_no", "product", "quantity", "unit_price_cents"],
      rows: () => cells(reader.orderLines(), (l) => [l.orderNumber, l.lineNo, l.product, l.quantity, l.unitPriceCents]),
    },
    {
      file: "invoices.csv",
      title: labels.invoices,
      columns: [
        "invoice_number",
        "order_number",
        "issued_at",
        "due_at",
        "amount_cents",
        "currency",
        "status",
        "in_collection",
        "paid_at",
        "collection_agency",
        "written_off_on",
      ],
      rows: () =>
        cells(reader.invoices(), (i) => [
          i.invoiceNumber,
          i.orderNumber,
          i.issuedAt,
          i.dueAt,
          i.amountCents,
          i.currency,
          i.status,
          i.inCollection,
          i.paidAt,
          i.collectionAgency,
          i.writtenOffOn,
        ]),
    },
    {
      file: "billing.csv",
      title: labels.billing,
      columns: ["billing_name", "street", "postal_code", "city", "country", "e_invoice_address", "payment_term_days"],
      rows: async function* () {
        const b = await reader.billing();
        if (!b) return;
        const a = b.address;
        yield [[b.billingName, a.street, a.postalCode, a.city, a.country, b.eInvoiceAddress, b.paymentTermDays]];
      },
    },
    {
      file: "sources.csv",
      title: labels.sources,
      columns: ["category", "source", "noted_at", "detail", "system_name"],
      rows: () => cells(reader.sources(), (s) => [s.category, s.source, s.notedAt, s.detail, s.systemName]),
    },
    {
      file: "requests.csv",
      title: labels.requests,
      columns: [
        "request_id",
        "type",
        "state",
        "channel",
        "received_on",
        "due_on",
        "extension_months",
        "extension_reasons",
        "extended_at",
        "text",
        "correction_field",
        "correction_current_value",
        "correction_new_value",
        "correction_reason",
        "restriction_ground",
        "decision_outcome",
        "decision_reasons",
        "decided_at",
        "created_at",
      ],
      rows: () =>
        cells(reader.requests(), (r) => [
          r.id,
          r.type,
          r.state,
          r.channel,
          r.receivedOn,
          r.dueOn,
          r.extension?.months ?? null,
          r.extension?.reasons ?? null,
          r.extension?.at ?? null,
          r.text,
          r.correction?.field ?? null,
          r.correction?.currentValue ?? null,
          r.correction?.newValue ?? null,
          r.correction?.reason ?? null,
          r.restrictionGround,
          r.decision?.outcome ?? null,
          r.decision?.reasons ?? null,
          r.decision?.decidedAt ?? null,
          r.createdAt,
        ]),
    },
    {
      file: "request_history.csv",
      title: labels.history,
      columns: ["request_id", "at", "event", "note"],
      rows: async function* () {
        for await (const batch of reader.requests()) {
          yield batch.flatMap((r) => r.history.map((h): readonly Cell[] => [r.id, h.at, h.event, h.note]));
        }
      },
    },
    {
      file: "marketing_objections.csv",
      title: labels.marketing,
      columns: ["purpose", "objected"],
      rows: async function* () {
        const objections = await reader.objections();
        yield marketingPurposes.map((purpose): readonly Cell[] => [purpose, objections[purpose]]);
      },
    },
    {
      file: "marketing_history.csv",
      title: labels.marketingHistory,
      columns: ["purpose", "from_objected", "to_objected", "at", "channel"],
      rows: () => cells(reader.marketingHistory(), (m) => [m.purpose, m.from, m.to, m.at, m.channel]),
    },
    {
      file: "contact_changes.csv",
      title: labels.contactChanges,
      columns: ["field", "old_value", "new_value", "at", "actor_type", "reason"],
      rows: () => cells(reader.contactChanges(), (c) => [c.field, c.oldValue, c.newValue, c.at, c.actorType, c.reason]),
    },
    {
      file: "sign_ins.csv",
      title: labels.signIns,
      columns: ["at", "ip", "user_agent"],
      rows: () => cells(reader.signIns(), (s) => [s.at, s.ip, s.userAgent]),
    },
    {
      file: "sessions.csv",
      title: labels.sessions,
      columns: ["created_at", "last_seen_at", "ip", "user_agent"],
      rows: () => cells(reader.sessions(), (s) => [s.createdAt, s.lastSeenAt, s.ip, s.userAgent]),
    },
    {
      file: "staff_views.csv",
      title: labels.staffViews,
      columns: ["at", "staff_role", "action", "why_fi", "why_en"],
      rows: () => cells(reader.staffViews(), (v) => [v.at, v.staffRole, v.action, v.why.fi, v.why.en]),
    },
    {
      file: "downloads.csv",
      title: labels.downloads,
      columns: ["format", "at"],
      rows: () => cells(withCurrent(meta.current, reader.downloads()), (d) => [d.format, d.at]),
    },
    {
      file: "disclosures.csv",
      title: labels.disclosureLog,
      columns: [
        "at",
        "channel",
        "system_name",
        "notice_recipient",
        "categories",
        "legal_basis",
        "reason",
        "event_type",
      ],
      // Codes as in the JSON; several categories in one cell, separated by spaces.
      rows: () =>
        cells(reader.disclosures(), (d) => [
          d.at,
          d.channel,
          d.systemName,
          d.noticeRecipient?.id ?? null,
          d.categories.join(" "),
          d.legalBasis,
          d.reason,
          d.eventType,
        ]),
    },
  ];
}

const README_NOTES: Localized = {
  fi: [
    "Tiedostot ovat CSV-muodossa (RFC 4180): merkistö UTF-8 (BOM-merkillä), erottimena pilkku, rivinvaihtona CRLF.",
    "Jokaisen tiedoston ensimmäinen rivi nimeää sarakkeet. Ajat ovat ISO 8601 -muodossa UTC-aikaa, päivämäärät",
    "muotoa VVVV-KK-PP ja rahasummat sentteinä. Jos tekstikenttä alkaa merkillä =, @, sarkaimella tai",
    "rivinvaihdolla, tai merkillä + tai -, jota ei seuraa pelkkä luku (kuten puhelinnumerossa +358 40 123 4567),",
    "sen eteen on lisätty heittomerkki ('), jotta taulukko-ohjelma ei suorita sitä kaavana. Puhelinnumerot ovat",
    "lainausmerkeissä siinä muodossa kuin ne on kirjoitettu.",
    "Samat tiedot ovat koneluettavassa JSON-muodossa latauksessa, jolle on julkaistu JSON Schema -kuvaus.",
  ].join("\r\n"),
  en: [
    "The files are CSV (RFC 4180): UTF-8 encoded (with a byte order mark), comma separated, CRLF line endings.",
    "The first row of each file names its columns. Times are ISO 8601 in UTC, dates are YYYY-MM-DD and amounts",
    "are in cents. Where a text field starts with =, @, a tab or a line break, or with + or - not followed by a plain",
    "number (as in the phone number +358 40 123 4567), an apostrophe (') has been added in front so that a",
    "spreadsheet program does not run it as a formula. Phone numbers are kept as written, in quotes.",
    "The same data is in the machine-readable JSON download, which has a published JSON Schema.",
  ].join("\r\n"),
};

/** README.txt: what each file holds, and the register's privacy notice in brief, in both languages. */
function readme(
  register: ExportRegister,
  all: readonly CsvTable[],
  generatedAt: string,
  noticeVersion: ExportNoticeVersion | null,
): string {
  const lines: string[] = [];
  for (const locale of locales) {
    const t = (l: Localized) => l[locale];
    const heading = `${t(labels.documentTitle)} – ${t(register.registerName)} – ${register.controller.name}`;
    lines.push(heading, "=".repeat(heading.length), `${t(labels.generatedAt)}: ${generatedAt}`);
    // Issue 15 B: the notice version in force, so the reader knows which text the purposes below are quoted from.
    if (noticeVersion)
      lines.push(
        `${t(labels.noticeVersion)}: ${t(labels.noticeVersionText)
          .replace("{id}", String(noticeVersion.id))
          .replace("{date}", noticeVersion.noticeDate)
          .replace("{since}", noticeVersion.inForceSince)
          .replace("{sha256}", noticeVersion.sha256)}`,
      );
    lines.push("");
    lines.push(t(README_NOTES), "");
    for (const table of all) lines.push(`${table.file}: ${t(table.title)}`, `    ${table.columns.join(", ")}`);
    lines.push("");
    lines.push(`${t(labels.controller)}: ${contact(register.controller)}`);
    lines.push(`${t(labels.contactPerson)}: ${contact(register.contactPerson)}`);
    lines.push(`${t(labels.legalBasis)}: ${t(register.legalBasis.text)}`);
    lines.push(
      `${t(labels.purposes)}:`,
      ...register.purposes.map(
        (p) => `  - ${t(p.text)} ${t(labels.legalBasis)}: ${t(p.legalBasis.name)} (GDPR ${p.legalBasis.article}).`,
      ),
    );
    lines.push(
      `${t(labels.dataCategories)}:`,
      ...Object.values(register.dataCategories).map((c) => {
        const bases = register.purposes.filter((p) => c.purposeIds.includes(p.id)).map((p) => t(p.legalBasis.name));
        return `  - ${t(c.name)} (${t(labels.legalBasis)}: ${[...new Set(bases)].join(", ")})`;
      }),
    );
    lines.push(`${t(labels.recipients)}:`, ...Object.values(register.recipients).map((r) => `  - ${named(r, t)}`));
    lines.push(`${t(labels.registerSources)}:`, ...Object.values(register.sources).map((s) => `  - ${named(s, t)}`));
    lines.push(`${t(labels.disclosures)}: ${t(register.disclosures)}`);
    lines.push(`${t(labels.transfersOutsideEea)}: ${t(register.transfersOutsideEea)}`);
    lines.push(`${t(labels.retention)}: ${t(register.retention.text)}`);
    lines.push(`${t(labels.automatedDecisionMaking)}: ${t(register.automatedDecisionMaking)}`);
    lines.push(`${t(labels.rights)}:`, ...register.rights.map((r) => `  - ${t(r.title)} (GDPR ${r.article})`));
    const a = register.supervisoryAuthority;
    lines.push(
      `${t(labels.supervisoryAuthority)}: ${t(a.name)}, ${a.postalAddress}, ${a.phone}, ${a.email}, ${a.web}`,
      `  ${t(a.complaintText)}`,
    );
    lines.push(`${t(labels.marketing)}: ${marketingPurposes.map((p) => t(marketingPurposeNames[p].name)).join(", ")}`);
    lines.push(`${t(labels.requests)}: ${Object.values(requestTypeNames).map(t).join(", ")}`);
    lines.push("", "");
  }
  return lines.join("\r\n");
}

const contact = (c: ExportRegister["controller"]) =>
  `${c.name}, ${c.streetAddress}, ${c.postalCode} ${c.city}, ${c.phone}, ${c.email}`;
const named = (entry: { name: Localized; description: Localized }, t: (l: Localized) => string) =>
  `${t(entry.name)}: ${t(entry.description)}`;

/** Rows are gathered into pieces of about this size before compression. */
const FLUSH_BYTES = 32 * 1024;

/**
 * The CSV download: a zip written file by file with fflate's streaming deflate, yielding the archive's bytes as
 * they come. Files are written one after another, so no file is ever buffered whole.
 */
export async function* csvZipExport(reader: ExportReader, meta: ExportMeta): AsyncGenerator<Piece> {
  const encoder = new TextEncoder();
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else out.push(chunk);
  });
  // Drains what the archive produced since the last call; an empty piece still counts as one step.
  const drain = function* (): Generator<Piece> {
    if (failure) throw failure;
    if (out.length === 0) yield "";
    while (out.length > 0) {
      const chunk = out.shift();
      if (chunk) yield chunk;
    }
  };
  const mtime = new Date(meta.generatedAt);
  const addFile = (name: string) => {
    const file = new ZipDeflate(name, { level: 6 });
    file.mtime = mtime;
    zip.add(file);
    return file;
  };

  const all = tables(reader, meta);
  const readmeFile = addFile("README.txt");
  readmeFile.push(encoder.encode(UTF8_BOM + readme(meta.register, all, meta.generatedAt, meta.noticeVersion)), true);
  yield* drain();

  for (const table of all) {
    const file = addFile(table.file);
    let buffer = UTF8_BOM + csvRow(table.columns);
    for await (const rows of table.rows()) {
      for (const row of rows) buffer += csvRow(row);
      if (buffer.length >= FLUSH_BYTES) {
        file.push(encoder.encode(buffer));
        buffer = "";
      }
      yield* drain();
    }
    file.push(encoder.encode(buffer), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}
