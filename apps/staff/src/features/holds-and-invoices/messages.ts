import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of staff record-keeping on the customer page (fi/en); keys start with "facts". */
export const factsMessages = {
  factsHeading: { fi: "Kirjaukset", en: "Record-keeping" },
  factsIntro: {
    fi: "Puhelimitse, kirjeitse tai sähköpostitse tulleet tiedot. Jokainen kirjaus tarvitsee perustelun ja kirjataan lokiin. Säilytysvelvoitteen poisto sekä laskun merkitseminen maksetuksi tai luottotappioksi vaativat ylläpitäjän tai toisen työntekijän hyväksynnän.",
    en: "What arrives by phone, letter or e-mail. Every entry needs a reason and is logged. Clearing a legal hold and marking an invoice paid or written off need an administrator or a second staff member's approval.",
  },
  factsReason: { fi: "Perustelu", en: "Reason" },
  factsReasonHint: {
    fi: "Miksi ja mihin perustuen (esim. puhelu, kirje, päätös). Näkyy kirjauksessa.",
    en: "Why, and on what (a call, a letter, a decision). Kept with the entry.",
  },
  factsSave: { fi: "Tallenna", en: "Save" },
  factsSaving: { fi: "Tallennetaan…", en: "Saving…" },
  factsCancel: { fi: "Peruuta", en: "Cancel" },
  factsDone: { fi: "Kirjattu.", en: "Recorded." },
  factsPending: {
    fi: "Pyyntö odottaa nyt toisen henkilön hyväksyntää (Hyväksynnät).",
    en: "The request now waits for another person's approval (Approvals).",
  },
  factsWaitingApproval: { fi: "Odottaa hyväksyntää", en: "Waiting for approval" },
  factsActions: { fi: "Toiminnot", en: "Actions" },

  factsObjectionsHeading: { fi: "Vastustukset", en: "Objections" },
  factsObjectionsCaption: { fi: "Voimassa olevat vastustukset", en: "Objections in force" },
  factsObjectionsNone: {
    fi: "Asiakas ei ole vastustanut mitään käyttötarkoitusta.",
    en: "The customer has objected to no purpose.",
  },
  factsColPurpose: { fi: "Käyttötarkoitus", en: "Purpose" },
  factsColSince: { fi: "Alkaen", en: "Since" },
  factsColChannel: { fi: "Kanava", en: "Channel" },
  factsUnknown: { fi: "Ei tiedossa", en: "Not known" },

  factsHoldsHeading: { fi: "Säilytysvelvoitteet", en: "Legal holds" },
  factsHoldsCaption: { fi: "Säilytysvelvoitteet (estävät poiston)", en: "Legal holds (they block erasure)" },
  factsHoldsNone: { fi: "Ei säilytysvelvoitteita.", en: "No legal holds." },
  factsColHoldReason: { fi: "Peruste", en: "Reason" },
  factsColReference: { fi: "Viite", en: "Reference" },
  factsColEnds: { fi: "Viimeinen päivä", en: "Last day" },
  factsColState: { fi: "Tila", en: "State" },
  factsHoldApplies: { fi: "Voimassa", en: "Applies" },
  factsHoldEnded: { fi: "Päättynyt", en: "Ended" },
  factsHoldCleared: { fi: "Poistettu {date}: {reason}", en: "Cleared {date}: {reason}" },
  factsUntilCleared: { fi: "Toistaiseksi", en: "Until cleared" },
  // Issue 14 A: what a hold keeps through an erasure.
  factsColKeeps: { fi: "Säilyttää", en: "Keeps" },
  factsHoldKeepsAll: { fi: "Kaikki tiedot", en: "All data" },
  factsHoldKeeps: { fi: "Säilytettävät tiedot", en: "Data to keep" },
  factsHoldKeepsHint: {
    fi: "Poisto säilyttää vain valitut tietoryhmät ja poistaa muut. Jos et valitse mitään, kaikki tiedot säilytetään.",
    en: "An erasure keeps only the chosen categories and erases the rest. Choose none to keep all data.",
  },
  factsSetHold: { fi: "Aseta säilytysvelvoite", en: "Set a legal hold" },
  factsHoldReason: { fi: "Säilytysvelvoitteen peruste", en: "Reason for the hold" },
  factsHoldReasonHint: {
    fi: "Esim. riita-asia tai viranomaisen määräys.",
    en: "E.g. a dispute or an authority's order.",
  },
  factsHoldReference: { fi: "Viite (valinnainen)", en: "Reference (optional)" },
  factsHoldReferenceHint: {
    fi: "Asian, päätöksen tai riidan tunniste.",
    en: "The case, decision or dispute it is for.",
  },
  factsHoldEndsOn: { fi: "Viimeinen voimassaolopäivä (valinnainen)", en: "Last day it applies (optional)" },
  factsHoldEndsOnHint: { fi: "Tyhjä: kunnes poistetaan.", en: "Empty: until cleared." },
  factsClearHold: { fi: "Poista velvoite", en: "Clear the hold" },
  factsClearHoldHeading: { fi: "Poista säilytysvelvoite: {reason}", en: "Clear the legal hold: {reason}" },

  factsInvoicesHeading: { fi: "Laskujen tilat", en: "Invoice states" },
  factsInvoicesCaption: { fi: "Laskut ja niiden tilat", en: "Invoices and their states" },
  factsInvoicesNone: { fi: "Ei laskuja.", en: "No invoices." },
  factsColInvoice: { fi: "Lasku", en: "Invoice" },
  factsColIssued: { fi: "Päiväys", en: "Issued" },
  factsColAmount: { fi: "Summa", en: "Amount" },
  factsInvoiceOpen: { fi: "Avoin", en: "Open" },
  factsInvoiceInCollection: { fi: "Perinnässä: {agency}", en: "In collection: {agency}" },
  factsInvoicePaid: { fi: "Maksettu {date}", en: "Paid {date}" },
  factsInvoiceWrittenOff: { fi: "Luottotappio {date}", en: "Written off {date}" },
  factsRecordInvoice: { fi: "Kirjaa tila", en: "Record state" },
  factsRecordInvoiceHeading: { fi: "Laskun {number} tila", en: "State of invoice {number}" },
  factsOutcome: { fi: "Mitä laskulle tapahtui?", en: "What happened to the invoice?" },
  factsOutcomePaid: { fi: "Maksettu", en: "Paid" },
  factsOutcomeInCollection: { fi: "Siirretty perintään (jää avoimeksi)", en: "Sent to debt collection (stays open)" },
  factsOutcomeWrittenOff: { fi: "Poistettu luottotappiona", en: "Written off" },
  factsPaidOn: { fi: "Maksupäivä", en: "Payment date" },
  factsWrittenOffOn: { fi: "Poistopäivä", en: "Write-off date" },
  factsAgency: { fi: "Perintätoimisto", en: "Collection agency" },

  factsRolesHeading: { fi: "Roolit organisaatioissa", en: "Organisation roles" },
  factsRolesCaption: { fi: "Roolit ja niiden voimassaolo", en: "Roles and when they apply" },
  factsRolesNone: { fi: "Ei rooleja.", en: "No roles." },
  factsColOrganisation: { fi: "Organisaatio", en: "Organisation" },
  factsColRole: { fi: "Rooli", en: "Role" },
  factsColStart: { fi: "Alkoi", en: "Started" },
  factsColEnd: { fi: "Päättyy", en: "Ends" },
  factsRoleActive: { fi: "Voimassa", en: "Active" },
  factsRoleEnded: { fi: "Päättynyt", en: "Ended" },
  factsRoleContactPerson: { fi: "Yhteyshenkilö", en: "Contact person" },
  factsRoleRepresentative: { fi: "Edustaja", en: "Representative" },
  factsOngoing: { fi: "Toistaiseksi", en: "Ongoing" },
  factsEndRole: { fi: "Päätä rooli", en: "End the role" },
  factsEndRoleHeading: { fi: "Päätä rooli: {organisation}", en: "End the role: {organisation}" },
  factsRoleEndDate: { fi: "Viimeinen päivä", en: "Last day" },
  factsRoleEndDateHint: {
    fi: "Voi olla tulevaisuudessa: rooli estää poiston siihen asti.",
    en: "May be in the future: the role blocks erasure until then.",
  },

  factsRelationshipHeading: { fi: "Asiakkuuden päättyminen", en: "End of the customer relationship" },
  factsRelationshipEnd: { fi: "Asiakkuus päättyy {date}.", en: "The relationship ends on {date}." },
  factsRelationshipOpen: { fi: "Päättymistä ei ole kirjattu.", en: "No end has been recorded." },
  factsRecordRelationshipEnd: { fi: "Kirjaa päättyminen", en: "Record the end" },
  factsRelationshipEndDate: { fi: "Päättymispäivä", en: "End date" },
} as const satisfies Record<string, Localized>;

/** The feature's texts with the app's, for its components. */
export const { useI18n } = createI18n({ ...appMessages, ...factsMessages });
