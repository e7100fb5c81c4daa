import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the incoming-data inbox (fi/en); keys start with "inbound". */
export const inboundMessages = {
  inboundTitle: { fi: "Saapuneet tiedot", en: "Incoming data" },
  inboundIntro: {
    fi: "Yhdistetyt järjestelmät lähettivät nämä tiedot, mutta niitä ei tallennettu suoraan: asiakas tai henkilökunta oli muuttanut tietoa myöhemmin, sähköpostiosoite kuuluu jo toiselle asiakkaalle tai osoite kuului asiakkaalle, jonka tiedot on poistettu. Päätä jokaisesta.",
    en: "Connected systems sent this data, but it was not stored as it came: the customer or staff had changed the value later, the e-mail address already belongs to another customer, or the address belonged to a customer whose data was erased. Decide each one.",
  },
  inboundCaption: {
    fi: "Ratkaisemattomat saapuneet tiedot, uusimmat ensin",
    en: "Unresolved incoming data, newest first",
  },
  inboundNone: { fi: "Ei ratkaistavaa.", en: "Nothing to resolve." },
  inboundColKind: { fi: "Tyyppi", en: "Kind" },
  inboundColSystem: { fi: "Järjestelmä", en: "System" },
  inboundColCustomer: { fi: "Asiakas", en: "Customer" },
  inboundColIncoming: { fi: "Saapunut tieto", en: "Incoming" },
  inboundColCurrent: { fi: "Nykyinen tieto", en: "Current" },
  inboundColActions: { fi: "Ratkaisu", en: "Resolution" },
  inboundKindConflict: { fi: "Ristiriita", en: "Conflict" },
  inboundKindDuplicate: { fi: "Mahdollinen kaksoiskappale", en: "Possible duplicate" },
  inboundKindErased: { fi: "Poistetun asiakkaan osoite", en: "Erased customer's address" },
  inboundField: { fi: "Kenttä: {field}", en: "Field: {field}" },
  inboundAt: { fi: "ajalta {at}", en: "as of {at}" },
  inboundBy: { fi: "muuttanut {by} {at}", en: "changed by {by} on {at}" },
  inboundByCustomer: { fi: "asiakas", en: "the customer" },
  inboundByStaff: { fi: "henkilökunta", en: "staff" },
  inboundBySystem: { fi: "järjestelmä", en: "a system" },
  inboundEmpty: { fi: "(tyhjä)", en: "(empty)" },
  inboundRecord: { fi: "Tunniste {externalId}, rivi {line}", en: "Identifier {externalId}, line {line}" },
  inboundKnownUnder: { fi: "Asiakas tunnetaan järjestelmissä: {systems}", en: "The customer is known in: {systems}" },
  inboundKnownNowhere: {
    fi: "Asiakas ei ole tullut mistään järjestelmästä.",
    en: "The customer came from no connected system.",
  },
  inboundErasedOn: { fi: "Tiedot poistettu {date}", en: "Erased on {date}" },
  inboundKeep: { fi: "Pidä nykyinen", en: "Keep current" },
  inboundApply: { fi: "Ota saapunut käyttöön", en: "Apply incoming" },
  inboundLink: { fi: "Liitä tunniste tähän asiakkaaseen", en: "Link the identifier to this customer" },
  inboundDismiss: { fi: "Hylkää", en: "Dismiss" },
  inboundActionFor: { fi: "{action}: {kind}, {who}", en: "{action}: {kind}, {who}" },
  inboundResolved: { fi: "Ratkaistu.", en: "Resolved." },
  inboundOlder: { fi: "Näytä vanhemmat", en: "Show older" },
  inboundNewest: { fi: "Näytä uusimmat", en: "Show newest" },
  inboundFieldfirstName: { fi: "etunimi", en: "first name" },
  inboundFieldlastName: { fi: "sukunimi", en: "last name" },
  inboundFieldemail: { fi: "sähköposti", en: "e-mail" },
  inboundFieldphone: { fi: "puhelin", en: "phone" },
  inboundFieldwww: { fi: "verkkosivu", en: "website" },
  inboundFieldpostalAddress: { fi: "postiosoite", en: "postal address" },
  inboundFieldlanguage: { fi: "kieli", en: "language" },
  inboundFieldaddressProtected: { fi: "turvakielto", en: "address protection" },
  inboundFieldrelationshipStart: { fi: "asiakkuuden alku", en: "relationship start" },
  inboundFieldrelationshipEnd: { fi: "asiakkuuden loppu", en: "relationship end" },
  inboundFieldbilling: { fi: "laskutustiedot", en: "billing details" },
  inboundFieldeInvoiceAddress: { fi: "verkkolaskuosoite", en: "e-invoice address" },
  inboundFieldorganisation: { fi: "organisaatio ja rooli", en: "organisation and role" },
} as const satisfies Record<string, Localized>;

/** The inbox's texts with the app's, for its components and page. */
export const { useI18n } = createI18n({ ...appMessages, ...inboundMessages });
