import {
  EXPORT_FORMAT_ID,
  EXPORT_VERSION,
  type ExportCustomer,
  type ExportNoticeVersion,
  type ExportRegister,
} from "@tietoni/domain";
import type { Batches, ExportReader } from "./export-reader.ts";
import type { Piece } from "./pull-stream.ts";

export type ExportMeta = {
  generatedAt: string;
  register: ExportRegister;
  /** Issue 15 B: the notice version in force at the snapshot's moment. */
  noticeVersion: ExportNoticeVersion | null;
  /** This download: recorded on the main connection after the snapshot began, so listed here first. */
  current: ExportCustomer["downloads"][number];
};

const key = (name: string) => `${JSON.stringify(name)}:`;

/** A JSON array written element by element, one element per line, a piece per batch of rows. */
async function* array<T>(items: Batches<T>): AsyncGenerator<Piece> {
  yield "[";
  let first = true;
  for await (const batch of items) {
    let text = "";
    for (const item of batch) {
      text += `${first ? "\n" : ",\n"}${JSON.stringify(item)}`;
      first = false;
    }
    yield text;
  }
  yield first ? "]" : "\n]";
}

/** A list that follows another member of its object: the comma, its key, then the array. */
async function* nextList<T>(name: string, items: Batches<T>): AsyncGenerator<Piece> {
  yield `,\n${key(name)}`;
  yield* array(items);
}

/**
 * The export document (exportDocumentSchema, the current version), written in the schema's key order without ever
 * holding more than one batch of rows: small parts are stringified whole, lists are streamed from the reader.
 */
export async function* jsonExport(reader: ExportReader, meta: ExportMeta): AsyncGenerator<Piece> {
  yield `{${key("format")}${JSON.stringify(EXPORT_FORMAT_ID)},${key("version")}${EXPORT_VERSION},`;
  yield `${key("generatedAt")}${JSON.stringify(meta.generatedAt)},\n`;
  yield `${key("register")}${JSON.stringify(meta.register)},\n`;
  yield `${key("noticeVersion")}${JSON.stringify(meta.noticeVersion)},\n`;
  yield `${key("customer")}{\n${key("profile")}${JSON.stringify(reader.profile)},\n`;
  yield key("organisationRoles");
  yield* array(reader.organisationRoles());
  yield* nextList("ipAddresses", reader.ipAddresses());
  yield* nextList("orders", reader.orders());
  yield* nextList("invoices", reader.invoices());
  yield `,\n${key("billing")}${JSON.stringify(await reader.billing())}`;
  yield* nextList("sources", reader.sources());
  yield `,\n${key("erasureSchedule")}${JSON.stringify(await reader.erasureSchedule())}`;
  yield* nextList("requests", reader.requests());
  yield `,\n${key("marketing")}{${key("objections")}${JSON.stringify(await reader.objections())},${key("history")}`;
  yield* array(reader.marketingHistory());
  yield "}";
  yield* nextList("contactChanges", reader.contactChanges());
  yield* nextList("signIns", reader.signIns());
  yield* nextList("sessions", reader.sessions());
  yield* nextList("staffViews", reader.staffViews());
  yield* nextList("downloads", withCurrent(meta.current, reader.downloads()));
  yield* nextList("disclosures", reader.disclosures());
  yield "\n}}\n";
}

/** This download first (the snapshot began before it was recorded), then the earlier ones. */
export async function* withCurrent<T>(current: T, rest: Batches<T>): AsyncGenerator<readonly T[]> {
  yield [current];
  yield* rest;
}
