import { erasureScheduleTexts, type Localized } from "@tietoni/domain";
import { createI18n } from "./create-i18n.tsx";

/** Texts of the shared components. Apps keep their own catalogues and may reuse these keys' wording. */
export const sharedMessages = {
  // App shell
  skipToContent: { fi: "Siirry pääsisältöön", en: "Skip to main content" },
  mainNavLabel: { fi: "Päävalikko", en: "Main menu" },
  languageSwitchLabel: { fi: "Kieli", en: "Language" },
  loading: { fi: "Ladataan…", en: "Loading…" },
  errorPrefix: { fi: "Virhe:", en: "Error:" },
  // Issue 15 A: the notice every page needs could not be fetched (notice-provider.tsx).
  noticeUnavailableTitle: { fi: "Palvelu ei juuri nyt vastaa", en: "The service is not answering right now" },
  noticeUnavailable: {
    fi: "Rekisterin tietoja ei saatu ladattua. Yritä hetken kuluttua uudelleen.",
    en: "The register's details could not be loaded. Please try again in a moment.",
  },
  tryAgain: { fi: "Yritä uudelleen", en: "Try again" },

  // Customer record: relationship
  relationshipHeading: { fi: "Asiakkuus", en: "Customer relationship" },
  customerId: { fi: "Asiakastunnus", en: "Customer ID" },
  relationshipStart: { fi: "Asiakkuus alkoi", en: "Relationship started" },
  relationshipEnd: { fi: "Asiakkuus päättyi", en: "Relationship ended" },
  relationshipStatus: { fi: "Asiakkuuden tila", en: "Relationship status" },
  relationshipOngoing: { fi: "Voimassa", en: "Ongoing" },
  recordCreatedAt: { fi: "Tiedot tallennettu ensimmäisen kerran", en: "Record first created" },
  notRecorded: { fi: "Ei tallennettu", en: "Not recorded" },
  // Issue 12: when the data is due to be erased, and why (retention/lifecycle.ts).
  erasureDueOn: { fi: "Tietojen poistopäivä", en: "Data due to be erased" },
  erasureDueDate: { fi: "{date}", en: "On {date}" },
  erasureNoDateYet: { fi: "Ei vielä päivää", en: "No date yet" },
  erasureWhy: { fi: "Peruste", en: "Why" },
  erasureWhyRecorded: erasureScheduleTexts.recorded,
  erasureWhyDerived: erasureScheduleTexts.derived,
  erasureWhyOpenInvoice: erasureScheduleTexts.continuesOpenInvoice,
  erasureWhyActiveRole: erasureScheduleTexts.continuesActiveRole,

  // Customer record: fields
  firstName: { fi: "Etunimi", en: "First name" },
  lastName: { fi: "Sukunimi", en: "Last name" },
  email: { fi: "Sähköpostiosoite", en: "E-mail address" },
  phone: { fi: "Puhelinnumero", en: "Phone number" },
  www: { fi: "WWW-osoite", en: "Web address" },
  postalAddress: { fi: "Postiosoite", en: "Postal address" },
  addressProtected: { fi: "Turvakielto: osoite ei näy tässä", en: "Protected address (non-disclosure)" },
  street: { fi: "Katuosoite", en: "Street address" },
  postalCode: { fi: "Postinumero", en: "Postal code" },
  city: { fi: "Postitoimipaikka", en: "City" },
  country: { fi: "Maa", en: "Country" },

  // Organisation roles
  organisationRolesCaption: { fi: "Organisaatiot, joita edustat tai edustit", en: "Organisations represented" },
  organisationName: { fi: "Organisaatio", en: "Organisation" },
  businessId: { fi: "Y-tunnus", en: "Business ID" },
  role: { fi: "Rooli", en: "Role" },
  roleRepresentative: { fi: "Edustaja", en: "Representative" },
  roleContactPerson: { fi: "Yhteyshenkilö", en: "Contact person" },
  startDate: { fi: "Alkoi", en: "Started" },
  endDate: { fi: "Päättyi", en: "Ended" },
  ongoing: { fi: "Voimassa", en: "Current" },
  noOrganisationRoles: { fi: "Ei organisaatiorooleja.", en: "No organisation roles." },

  // IP addresses
  ipAddressesCaption: { fi: "Tallennetut IP-osoitteet ja havaintoajat", en: "Recorded IP addresses and times seen" },
  ipAddress: { fi: "IP-osoite", en: "IP address" },
  seenAt: { fi: "Havaittu", en: "Seen at" },
  noIpAddresses: { fi: "Ei tallennettuja IP-osoitteita.", en: "No IP addresses recorded." },

  // Orders
  ordersCaption: { fi: "Tilaukset ja tilausrivit", en: "Orders and order lines" },
  orderNumber: { fi: "Tilausnumero", en: "Order number" },
  orderedAt: { fi: "Tilattu", en: "Ordered" },
  status: { fi: "Tila", en: "Status" },
  total: { fi: "Summa", en: "Total" },
  orderLines: { fi: "Tilausrivit", en: "Order lines" },
  showOrderLines: { fi: "Näytä rivit ({count})", en: "Show lines ({count})" },
  orderLinesCaption: { fi: "Tilauksen {orderNumber} rivit", en: "Lines of order {orderNumber}" },
  lineNo: { fi: "Rivi", en: "Line" },
  product: { fi: "Tuote", en: "Product" },
  quantity: { fi: "Määrä", en: "Quantity" },
  unitPrice: { fi: "Yksikköhinta", en: "Unit price" },
  lineTotal: { fi: "Rivin summa", en: "Line total" },
  noOrderLines: { fi: "Ei tilausrivejä.", en: "No order lines." },
  orderStatusReceived: { fi: "Vastaanotettu", en: "Received" },
  orderStatusDelivered: { fi: "Toimitettu", en: "Delivered" },
  orderStatusCancelled: { fi: "Peruttu", en: "Cancelled" },
  noOrders: { fi: "Ei tilauksia.", en: "No orders." },
  ordersShown: { fi: "Näytetään {shown}/{total} tilausta.", en: "Showing {shown} of {total} orders." },
  ordersInDownload: {
    fi: "Kaikki tilaukset ovat mukana ladattavissa tiedoissa.",
    en: "The data download includes all orders.",
  },

  // Billing
  billingDetailsHeading: { fi: "Laskutusosoite ja maksuehto", en: "Billing address and payment terms" },
  billingName: { fi: "Laskutusnimi", en: "Billing name" },
  billingAddress: { fi: "Laskutusosoite", en: "Billing address" },
  eInvoiceAddress: { fi: "Verkkolaskuosoite", en: "E-invoice address" },
  paymentTerm: { fi: "Maksuehto", en: "Payment term" },
  paymentTermDays: { fi: "{days} päivää netto", en: "{days} days net" },
  noBillingDetails: { fi: "Ei laskutustietoja.", en: "No billing details." },
  invoicesHeading: { fi: "Laskut", en: "Invoices" },
  invoicesCaption: { fi: "Laskut ja niiden tila", en: "Invoices and their status" },
  invoiceNumber: { fi: "Laskun numero", en: "Invoice number" },
  invoiceOrder: { fi: "Tilaus", en: "Order" },
  issuedAt: { fi: "Laskun päiväys", en: "Issued" },
  dueAt: { fi: "Eräpäivä", en: "Due date" },
  amount: { fi: "Summa", en: "Amount" },
  paidAt: { fi: "Maksettu", en: "Paid on" },
  invoiceOpen: { fi: "Avoin", en: "Open" },
  invoicePaid: { fi: "Maksettu", en: "Paid" },
  invoiceInCollection: { fi: "Perinnässä", en: "In collection" },
  invoiceInCollectionBy: { fi: "Perinnässä: {agency}", en: "In collection: {agency}" },
  invoiceWrittenOff: { fi: "Kirjattu luottotappioksi", en: "Written off" },
  invoiceWrittenOffOn: { fi: "Kirjattu luottotappioksi {date}", en: "Written off on {date}" },
  noInvoices: { fi: "Ei laskuja.", en: "No invoices." },

  // Processing box beside each category
  processingHeading: { fi: "Näin tätä tietoa käsitellään", en: "How we process this data" },
  whyWeHold: { fi: "Miksi tietoa käsitellään", en: "Why we hold this" },
  onWhatBasis: { fi: "Millä oikeusperusteella", en: "On what legal basis" },
  legalBasisWithArticle: { fi: "{basis} (tietosuoja-asetus, art. {article})", en: "{basis} (GDPR, Art. {article})" },
  legalBasisOfPurpose: {
    fi: "Oikeusperuste: {basis} (tietosuoja-asetus, art. {article}).",
    en: "Legal basis: {basis} (GDPR, Art. {article}).",
  },
  whereFrom: { fi: "Mistä tieto on saatu", en: "Where it came from" },
  whoReceives: { fi: "Kuka tiedon saa", en: "Who receives it" },
  howLong: { fi: "Kuinka kauan tietoa säilytetään", en: "How long it is kept" },
  recordedSources: { fi: "Kirjatut lähteet", en: "Recorded sources" },
  noRecordedSources: { fi: "Lähdettä ei ole kirjattu.", en: "No source recorded." },
  sourceNotedAt: { fi: "{source}, kirjattu {date}", en: "{source}, recorded {date}" },
  sourceFromSystem: { fi: "{source}: {system}, {date}", en: "{source}: {system}, {date}" },

  // Register notice
  noticeRelationshipEnds: {
    fi: "Ellei asiakkuuden päättymistä ole kirjattu, se päättyy {months} kuukautta viimeisestä tilauksesta, maksusta tai organisaatiotehtävän päättymisestä, kun avoimia laskuja tai voimassa olevia tehtäviä ei ole.",
    en: "Unless its end is recorded, the customer relationship ends {months} months after the last order, payment or end of an organisation role, once no invoice is open and no role is held.",
  },
  noticeController: { fi: "Rekisterinpitäjä", en: "Controller" },
  noticeContactPerson: {
    fi: "Yhteyshenkilö rekisteriä koskevissa asioissa",
    en: "Contact person for matters concerning the register",
  },
  noticeRegisterName: { fi: "Rekisterin nimi", en: "Name of the register" },
  noticeDate: { fi: "Laatimispäivä", en: "Date of this notice" },
  noticeLegalBasis: { fi: "Käsittelyn oikeusperuste", en: "Legal basis for processing" },
  noticePurposes: { fi: "Henkilötietojen käsittelyn tarkoitukset", en: "Purposes of processing personal data" },
  noticeDataCategories: { fi: "Käsiteltävät henkilötiedot", en: "Personal data we process" },
  noticeDataCategoriesCaption: {
    fi: "Henkilötietoryhmät, niiden käyttötarkoitukset, oikeusperusteet, lähteet, vastaanottajat ja säilytysajat",
    en: "Data categories with their purposes, legal bases, sources, recipients and retention",
  },
  noticeSources: { fi: "Säännönmukaiset tietolähteet", en: "Regular sources of data" },
  noticeRecipients: { fi: "Vastaanottajat ja vastaanottajaryhmät", en: "Recipients and categories of recipients" },
  noticeDisclosures: { fi: "Tietojen säännönmukaiset luovutukset", en: "Regular disclosures of data" },
  noticeTransfers: {
    fi: "Tietojen siirto EU:n tai ETA:n ulkopuolelle",
    en: "Transfers outside the EU or the EEA",
  },
  // Art. 13(1)(f): the safeguards of a transfer outside the EEA, when the notice names them (issue 15).
  noticeTransferSafeguards: { fi: "Suojatoimet siirroissa", en: "Safeguards for these transfers" },
  noticeRetention: { fi: "Henkilötietojen säilytysaika", en: "How long personal data is kept" },
  noticeSecurity: { fi: "Rekisterin suojauksen periaatteet", en: "How the register is protected" },
  noticeSecurityManual: { fi: "Manuaalinen aineisto", en: "Paper records" },
  noticeSecurityIt: { fi: "Sähköisesti käsiteltävät tiedot", en: "Electronically processed data" },
  noticeCookies: { fi: "Evästeet", en: "Cookies" },
  noticeCookiesCollected: { fi: "Evästeillä kerättävät tiedot", en: "Data collected with cookies" },
  noticeCookiesAnalytics: { fi: "Analytiikka", en: "Analytics" },
  noticeAutomated: {
    fi: "Automaattinen päätöksenteko ja profilointi",
    en: "Automated decision-making and profiling",
  },
  noticeRights: { fi: "Rekisteröidyn oikeudet", en: "Your rights" },
  noticeGdprArticle: { fi: "Tietosuoja-asetus, art. {article}", en: "GDPR, Art. {article}" },
  noticeSupervisoryAuthority: { fi: "Valvontaviranomainen", en: "Supervisory authority" },
  postalAddressLabel: { fi: "Postiosoite", en: "Postal address" },
  visitingAddress: { fi: "Käyntiosoite", en: "Visiting address" },
  web: { fi: "Verkkosivut", en: "Website" },
  name: { fi: "Nimi", en: "Name" },
  dataCategory: { fi: "Tietoryhmä", en: "Data category" },
  description: { fi: "Kuvaus", en: "Description" },
  purposes: { fi: "Käyttötarkoitukset", en: "Purposes" },
  legalBasis: { fi: "Oikeusperuste", en: "Legal basis" },
  sources: { fi: "Lähteet", en: "Sources" },
  recipients: { fi: "Vastaanottajat", en: "Recipients" },
  retention: { fi: "Säilytysaika", en: "Retention" },
} as const satisfies Record<string, Localized>;

export type SharedMessageKey = keyof typeof sharedMessages;

/** The shared components' own i18n; it reads the same locale state as every app's provider. */
export const { useI18n: useSharedI18n } = createI18n(sharedMessages);
