/**
 * Stable identifiers that tie stored data to the register description.
 * The database stores these ids; the description gives them meaning in fi/en.
 */
export const dataCategoryIds = [
  "name",
  "organisation",
  "email",
  "postalAddress",
  "phone",
  "www",
  "ipAddress",
  "orders",
  "billing",
] as const;
export type DataCategoryId = (typeof dataCategoryIds)[number];

/** The notice's regular sources of data ("Säännönmukaiset tietolähteet"). */
export const sourceIds = [
  "registration",
  "customerNotice",
  "updateService",
  "subcontractor",
  "partnerDigital",
] as const;
export type SourceId = (typeof sourceIds)[number];

/** The notice's recipients ("Vastaanottajat ja vastaanottajaryhmät"). */
export const recipientIds = ["controllerStaff", "financialAdministrationPartner"] as const;
export type RecipientId = (typeof recipientIds)[number];
