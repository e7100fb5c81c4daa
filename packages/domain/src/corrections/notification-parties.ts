import type { DataCategoryId } from "../register/ids.ts";
import type { CorrectableField } from "../requests/request-model.ts";

/**
 * Which of the register's data categories a correctable field belongs to: what a correction concerns, and so whom
 * Art. 19 tells of it (outbox/art19.ts, from the disclosure log and the recorded sources).
 */
export const fieldCategory: Record<CorrectableField, DataCategoryId> = {
  firstName: "name",
  lastName: "name",
  organisation: "organisation",
  billingName: "billing",
  billingAddress: "billing",
  eInvoiceAddress: "billing",
  phone: "phone",
  postalAddress: "postalAddress",
  www: "www",
};
