import type { InvoiceStatusRecordInput } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useRecordChange } from "./use-record-change.ts";

/** Records paid, in collection or written off; an agent's paid or written off answers `pending`. */
export const recordInvoiceStatus = (id: string, invoiceId: string, json: InvoiceStatusRecordInput) =>
  callApi(api.records[":id"].invoices[":invoiceId"].status.$post({ param: { id, invoiceId }, json }));

export const useRecordInvoiceStatus = (id: string) =>
  useRecordChange(id, ({ invoiceId, ...json }: InvoiceStatusRecordInput & { invoiceId: string }) =>
    recordInvoiceStatus(id, invoiceId, json),
  );
