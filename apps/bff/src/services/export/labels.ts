import type { Localized } from "@tietoni/domain";

/**
 * The download's own texts (HTML document and the CSV zip's README). Register texts and enum names come from the
 * domain; these are the headings and column names around them. `Localized` makes both languages compulsory.
 */
export const labels = {
  documentTitle: { fi: "Omat tietoni", en: "My data" },
  intro: {
    fi: "Tämä asiakirja sisältää kaikki tiedot, jotka rekisterissä on sinusta tallennettu, sekä selosteen siitä, miksi ja miten tietojasi käsitellään.",
    en: "This document contains all the data the register holds about you, and an account of why and how your data is processed.",
  },
  generatedAt: { fi: "Tiedosto luotu", en: "File created" },
  // Issue 15 B: which version of the notice was in force.
  noticeVersion: { fi: "Voimassa ollut tietosuojaseloste", en: "Privacy notice in force" },
  noticeVersionText: {
    fi: "versio {id}, päivätty {date}, voimassa {since} alkaen, SHA-256 {sha256}",
    en: "version {id}, dated {date}, in force since {since}, SHA-256 {sha256}",
  },
  contents: { fi: "Sisällys", en: "Contents" },
  none: { fi: "Ei tietoja.", en: "None." },
  yes: { fi: "Kyllä", en: "Yes" },
  no: { fi: "Ei", en: "No" },
  empty: { fi: "–", en: "–" },

  // Sections, in document order.
  register: { fi: "Rekisteriseloste", en: "About the register" },
  profile: { fi: "Perustiedot", en: "Basic details" },
  organisationRoles: { fi: "Edustamasi organisaatiot", en: "Organisations you represent" },
  ipAddresses: { fi: "IP-osoitehistoria", en: "IP address history" },
  orders: { fi: "Tilaukset", en: "Orders" },
  invoices: { fi: "Laskut", en: "Invoices" },
  billing: { fi: "Laskutustiedot", en: "Billing details" },
  sources: { fi: "Tietojesi lähteet", en: "Where your data came from" },
  requests: { fi: "Pyyntösi ja niiden ratkaisut", en: "Your requests and their decisions" },
  marketing: { fi: "Markkinointikiellot", en: "Marketing objections" },
  marketingHistory: { fi: "Markkinointikieltojen muutokset", en: "Changes to your marketing objections" },
  contactChanges: { fi: "Tietojesi muutokset", en: "Changes to your data" },
  signIns: { fi: "Kirjautumiset", en: "Sign-ins" },
  sessions: { fi: "Voimassa olevat istunnot", en: "Active sessions" },
  staffViews: { fi: "Henkilökunnan katselut", en: "Staff who viewed your data" },
  downloads: { fi: "Tietojesi lataukset", en: "Downloads of your data" },
  disclosureLog: { fi: "Kenelle tietojasi on luovutettu", en: "Who received your data" },

  // The register description.
  controller: { fi: "Rekisterinpitäjä", en: "Controller" },
  contactPerson: { fi: "Rekisterin yhteyshenkilö", en: "Contact person for the register" },
  registerName: { fi: "Rekisterin nimi", en: "Name of the register" },
  noticeDate: { fi: "Selosteen päiväys", en: "Date of the notice" },
  legalBasis: { fi: "Käsittelyn oikeusperuste", en: "Legal basis for processing" },
  purposes: { fi: "Käsittelyn tarkoitukset", en: "Purposes of processing" },
  dataCategories: { fi: "Tietoryhmät", en: "Categories of data" },
  category: { fi: "Tietoryhmä", en: "Category" },
  registerSources: { fi: "Säännönmukaiset tietolähteet", en: "Regular sources of data" },
  recipients: { fi: "Vastaanottajat", en: "Recipients" },
  disclosures: { fi: "Tietojen luovutukset", en: "Disclosures" },
  transfersOutsideEea: { fi: "Siirrot EU:n tai ETA:n ulkopuolelle", en: "Transfers outside the EU or EEA" },
  retention: { fi: "Säilytysaika", en: "Retention" },
  automatedDecisionMaking: { fi: "Automaattinen päätöksenteko", en: "Automated decision-making" },
  rights: { fi: "Oikeutesi", en: "Your rights" },
  supervisoryAuthority: { fi: "Valvontaviranomainen", en: "Supervisory authority" },
  article: { fi: "Artikla", en: "Article" },
  postalAddress: { fi: "Postiosoite", en: "Postal address" },
  visitingAddress: { fi: "Käyntiosoite", en: "Visiting address" },
  phone: { fi: "Puhelin", en: "Phone" },
  email: { fi: "Sähköposti", en: "E-mail" },
  web: { fi: "Verkkosivut", en: "Website" },

  // Profile fields.
  customerId: { fi: "Asiakasnumero", en: "Customer number" },
  firstName: { fi: "Etunimi", en: "First name" },
  lastName: { fi: "Sukunimi", en: "Last name" },
  www: { fi: "www-osoite", en: "Web address" },
  relationshipStart: { fi: "Asiakkuus alkoi", en: "Customer since" },
  relationshipEnd: { fi: "Asiakkuus päättyi", en: "Customer relationship ended" },
  createdAt: { fi: "Tallennettu rekisteriin", en: "Added to the register" },

  // Column names.
  organisation: { fi: "Organisaatio", en: "Organisation" },
  businessId: { fi: "Y-tunnus", en: "Business ID" },
  role: { fi: "Rooli", en: "Role" },
  startDate: { fi: "Alkoi", en: "Started" },
  endDate: { fi: "Päättyi", en: "Ended" },
  ip: { fi: "IP-osoite", en: "IP address" },
  seenAt: { fi: "Havaittu", en: "Seen" },
  orderNumber: { fi: "Tilausnumero", en: "Order number" },
  orderedAt: { fi: "Tilattu", en: "Ordered" },
  status: { fi: "Tila", en: "Status" },
  total: { fi: "Yhteensä", en: "Total" },
  lines: { fi: "Tilausrivit", en: "Order lines" },
  invoiceNumber: { fi: "Laskun numero", en: "Invoice number" },
  issuedAt: { fi: "Päiväys", en: "Issued" },
  dueAt: { fi: "Eräpäivä", en: "Due" },
  amount: { fi: "Summa", en: "Amount" },
  inCollection: { fi: "Perinnässä", en: "In debt collection" },
  paidAt: { fi: "Maksettu", en: "Paid" },
  collectionAgency: { fi: "Perintätoimisto", en: "Collection agency" },
  writtenOffOn: { fi: "Kirjattu luottotappioksi", en: "Written off" },
  system: { fi: "Järjestelmä", en: "System" },
  erasureDueOn: { fi: "Tietojen poistopäivä", en: "Data due to be erased" },
  erasureNoDateYet: { fi: "Ei vielä päivää", en: "No date yet" },
  erasureWhy: { fi: "Poistopäivän peruste", en: "Why this erasure date" },
  billingName: { fi: "Laskutusnimi", en: "Billing name" },
  billingAddress: { fi: "Laskutusosoite", en: "Billing address" },
  eInvoiceAddress: { fi: "Verkkolaskuosoite", en: "E-invoice address" },
  paymentTermDays: { fi: "Maksuehto (päivää)", en: "Payment term (days)" },
  source: { fi: "Lähde", en: "Source" },
  notedAt: { fi: "Kirjattu", en: "Recorded" },
  detail: { fi: "Lisätieto", en: "Detail" },
  requestType: { fi: "Pyyntö", en: "Request" },
  receivedOn: { fi: "Vastaanotettu", en: "Received" },
  dueOn: { fi: "Määräpäivä", en: "Due" },
  requestText: { fi: "Pyynnön sisältö", en: "What you asked" },
  decision: { fi: "Ratkaisu", en: "Decision" },
  extension: { fi: "Käsittelyajan jatko", en: "Extension" },
  months: { fi: "kk", en: "months" },
  history: { fi: "Vaiheet", en: "Steps" },
  purpose: { fi: "Käyttötarkoitus", en: "Purpose" },
  objected: { fi: "Kielletty", en: "Objected" },
  change: { fi: "Muutos", en: "Change" },
  at: { fi: "Aika", en: "Time" },
  channel: { fi: "Kanava", en: "Channel" },
  field: { fi: "Tieto", en: "Data" },
  oldValue: { fi: "Vanha arvo", en: "Old value" },
  newValue: { fi: "Uusi arvo", en: "New value" },
  changedBy: { fi: "Muuttaja", en: "Changed by" },
  reason: { fi: "Syy", en: "Reason" },
  userAgent: { fi: "Selain", en: "Browser" },
  signedInAt: { fi: "Kirjautunut", en: "Signed in" },
  lastSeenAt: { fi: "Viimeksi käytetty", en: "Last used" },
  staffRole: { fi: "Henkilökunnan rooli", en: "Staff member's role" },
  why: { fi: "Peruste", en: "Why" },
  format: { fi: "Muoto", en: "Format" },
  complaint: { fi: "Valitusoikeus", en: "Right to complain" },
  recipient: { fi: "Vastaanottaja", en: "Recipient" },
  disclosedCategories: { fi: "Luovutetut tiedot", en: "Data disclosed" },
} as const satisfies Record<string, Localized>;

export type LabelKey = keyof typeof labels;

export const orderStatusNames = {
  received: { fi: "Vastaanotettu", en: "Received" },
  delivered: { fi: "Toimitettu", en: "Delivered" },
  cancelled: { fi: "Peruttu", en: "Cancelled" },
} as const satisfies Record<string, Localized>;

export const invoiceStatusNames = {
  open: { fi: "Avoin", en: "Open" },
  paid: { fi: "Maksettu", en: "Paid" },
  written_off: { fi: "Kirjattu luottotappioksi", en: "Written off" },
} as const satisfies Record<string, Localized>;

export const organisationRoleNames = {
  representative: { fi: "Edustaja", en: "Representative" },
  contactPerson: { fi: "Yhteyshenkilö", en: "Contact person" },
} as const satisfies Record<string, Localized>;

export const actorTypeNames = {
  customer: { fi: "Sinä", en: "You" },
  staff: { fi: "Henkilökunta", en: "Staff" },
  system: { fi: "Järjestelmä", en: "System" },
} as const satisfies Record<string, Localized>;

export const decisionOutcomeNames = {
  completed: { fi: "Toteutettu", en: "Carried out" },
  refused: { fi: "Evätty", en: "Refused" },
} as const satisfies Record<string, Localized>;

/** Names of fields that appear in the change history; an unknown field is shown by its id. */
export const fieldNames: Record<string, Localized> = {
  firstName: labels.firstName,
  lastName: labels.lastName,
  email: labels.email,
  phone: labels.phone,
  street: { fi: "Katuosoite", en: "Street address" },
  postalCode: { fi: "Postinumero", en: "Postal code" },
  city: { fi: "Postitoimipaikka", en: "City" },
  country: { fi: "Maa", en: "Country" },
  postalAddress: labels.postalAddress,
  www: labels.www,
  organisation: labels.organisation,
  billingName: labels.billingName,
  billingAddress: labels.billingAddress,
  eInvoiceAddress: labels.eInvoiceAddress,
};
