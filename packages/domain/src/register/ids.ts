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

/**
 * A recipient of the notice ("Vastaanottajat ja vastaanottajaryhmät"): the controller's own identifier from its
 * notice file (issue 15), e.g. "controllerStaff". Whether one exists is a question for the loaded notice.
 */
export type RecipientId = string;
/** The recipient that stands for the controller's own staff: not a disclosure outside the controller. */
export const OWN_STAFF_RECIPIENT = "controllerStaff";
