import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of staff record-keeping (fi/en); keys start with "records". */
export const recordsMessages = {
  recordsNewTitle: { fi: "Uusi asiakas", en: "New customer" },
  recordsNewIntro: {
    fi: "Kirjaa puhelimitse, kirjeellä tai sähköpostilla ilmoittautunut asiakas. Sähköpostiosoite ei ole pakollinen.",
    en: "Record a customer who came by phone, letter or e-mail. An e-mail address is not required.",
  },
  recordsFirstName: { fi: "Etunimi", en: "First name" },
  recordsLastName: { fi: "Sukunimi", en: "Last name" },
  recordsEmail: { fi: "Sähköpostiosoite", en: "E-mail address" },
  recordsPhone: { fi: "Puhelinnumero", en: "Phone number" },
  recordsPhoneHint: {
    fi: "Kansainvälisessä muodossa, esim. +358 40 123 4567",
    en: "International format, e.g. +358 40 123 4567",
  },
  recordsStreet: { fi: "Katuosoite", en: "Street address" },
  recordsPostalCode: { fi: "Postinumero", en: "Postal code" },
  recordsCity: { fi: "Postitoimipaikka", en: "City" },
  recordsCountry: { fi: "Maa (kaksikirjaiminen koodi)", en: "Country (two-letter code)" },
  recordsWww: { fi: "www-osoite", en: "Web address" },
  recordsLanguage: { fi: "Viestien kieli", en: "Mail language" },
  recordsLanguageDefault: { fi: "Rekisterin oletus", en: "The register's default" },
  recordsLanguageFi: { fi: "suomi", en: "Finnish" },
  recordsLanguageEn: { fi: "englanti", en: "English" },
  recordsRelationshipStart: { fi: "Asiakkuus alkoi", en: "Relationship started" },
  recordsRelationshipStartHint: { fi: "Tyhjä: tänään", en: "Empty: today" },
  recordsOrganisation: { fi: "Edustettu organisaatio", en: "Organisation represented" },
  recordsBusinessId: { fi: "Y-tunnus", en: "Business ID" },
  recordsRole: { fi: "Rooli", en: "Role" },
  recordsRoleRepresentative: { fi: "Edustaja", en: "Representative" },
  recordsRoleContactPerson: { fi: "Yhteyshenkilö", en: "Contact person" },
  recordsReason: { fi: "Perustelu", en: "Reason" },
  recordsReasonHint: {
    fi: "Mistä tieto tuli ja miksi se kirjataan, esim. ”Asiakas soitti 25.11.”. Näkyy muutoshistoriassa.",
    en: "Where the data came from and why it is recorded, e.g. “The customer called on 25 Nov”. Shown in the history.",
  },
  recordsCreate: { fi: "Luo asiakas", en: "Create the customer" },
  recordsCreating: { fi: "Luodaan…", en: "Creating…" },
  recordsCorrectHeading: { fi: "Korjaa tietoja", en: "Correct the data" },
  recordsCorrectIntro: {
    fi: "Täytä vain korjattavat kentät; tyhjäksi jätetty kenttä ei muutu. Sähköpostiosoitteen korjaus kirjaa asiakkaan ulos kaikista istunnoista, ja molempiin osoitteisiin lähtee ilmoitus.",
    en: "Fill in only the fields to correct; a field left empty is not changed. Correcting the e-mail address signs the customer out of every session and notifies both addresses.",
  },
  recordsNewValue: { fi: "{field}: uusi arvo", en: "{field}: new value" },
  recordsCorrect: { fi: "Tallenna korjaus", en: "Save the correction" },
  recordsCorrecting: { fi: "Tallennetaan…", en: "Saving…" },
  recordsCorrected: { fi: "Korjaus tallennettiin.", en: "The correction was saved." },
  recordsNothingChanged: {
    fi: "Tiedot olivat jo nämä; mitään ei muutettu.",
    en: "The data already had these values; nothing changed.",
  },
  recordsObjectionHeading: { fi: "Kirjaa vastustus", en: "Record an objection" },
  recordsObjectionIntro: {
    fi: "Asiakkaan puhelimitse, kirjeellä tai sähköpostilla ilmoittama vastustus. Se näkyy asiakkaan markkinointihistoriassa kanavalla ”Asiakaspalvelu”.",
    en: "An objection the customer gave by phone, letter or e-mail. It shows in the customer's marketing history with the channel “Customer service”.",
  },
  recordsObjectionChannel: { fi: "Miten vastustus tuli", en: "How the objection came" },
  recordsChannelPhone: { fi: "Puhelimitse", en: "By phone" },
  recordsChannelLetter: { fi: "Kirjeellä", en: "By letter" },
  recordsChannelEmail: { fi: "Sähköpostilla", en: "By e-mail" },
  recordsObjectionPurposes: { fi: "Mitä asiakas vastustaa", en: "What the customer objects to" },
  recordsObjectionWithdraw: {
    fi: "Asiakas pyysi perumaan nämä vastustukset (markkinointi sallitaan taas)",
    en: "The customer asked to withdraw these objections (marketing allowed again)",
  },
  recordsObjectionSave: { fi: "Kirjaa", en: "Record" },
  recordsObjectionSaving: { fi: "Kirjataan…", en: "Recording…" },
  recordsObjectionSaved: { fi: "Vastustus kirjattiin.", en: "The objection was recorded." },
  recordsWithdrawalSaved: { fi: "Vastustuksen peruminen kirjattiin.", en: "The withdrawal was recorded." },
} as const satisfies Record<string, Localized>;

/** The records feature's texts with the app's. */
export const { useI18n } = createI18n({ ...appMessages, ...recordsMessages });
