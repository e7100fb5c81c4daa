import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { blockerMessages } from "../../lib/blocker-text.ts";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the retention feature (fi/en); keys start with "retention". */
export const retentionMessages = {
  retentionTitle: { fi: "Säilytysajan päättyminen", en: "Retention" },
  retentionIntro: {
    fi: "Tietosuojaselosteen mukaan tiedot säilytetään 10 vuotta asiakkuuden päättymisestä. Alla on koeajo: asiakkaat, joiden säilytysaika on päättynyt. Mitään ei muuteta ennen kuin vahvistat ajon. Asiakkaat anonymisoidaan samalla tavalla kuin poistopyynnöissä.",
    en: "The privacy notice keeps data for 10 years from the end of the customer relationship. Below is a dry run: the customers whose retention period has ended. Nothing is changed until you confirm the run. Customers are anonymised the same way as on an erasure request.",
  },
  retentionAdminOnly: {
    fi: "Vain ylläpitäjä voi käsitellä säilytysajan päättymistä.",
    en: "Only an administrator can run retention.",
  },
  retentionDueHeading: { fi: "Anonymisoitavat asiakkaat ({count})", en: "Customers to anonymise ({count})" },
  retentionDueCaption: {
    fi: "Asiakkaat, joiden säilytysaika on päättynyt",
    en: "Customers whose retention period has ended",
  },
  retentionDueNone: {
    fi: "Yhdenkään asiakkaan säilytysaika ei ole päättynyt.",
    en: "No customer's retention period has ended.",
  },
  retentionColName: { fi: "Nimi", en: "Name" },
  retentionColId: { fi: "Asiakastunnus", en: "Customer ID" },
  retentionColEnded: { fi: "Asiakkuus päättyi", en: "Relationship ended" },
  retentionColRetentionEnded: { fi: "Säilytysaika päättyi", en: "Retention ended" },
  retentionColGrounds: { fi: "Estävät perusteet", en: "Blocking grounds" },
  retentionBlockedHeading: {
    fi: "Säilytysaika päättynyt, mutta poisto estetty ({count})",
    en: "Retention ended but erasure blocked ({count})",
  },
  retentionBlockedCaption: {
    fi: "Asiakkaat, joiden poiston estää jokin peruste",
    en: "Customers whose erasure a ground blocks",
  },
  retentionBlockedIntro: {
    fi: "Nämä asiakkaat säilytetään, kunnes peruste poistuu. Ajo ohittaa heidät.",
    en: "These customers are kept until the ground is resolved. The run skips them.",
  },
  retentionConfirmHeading: { fi: "Vahvistus", en: "Confirmation" },
  retentionConfirmLabel: {
    fi: "Olen tarkistanut luettelon. Anonymisointia ei voi perua.",
    en: "I have checked the list. Anonymisation cannot be undone.",
  },
  retentionConfirmRequired: {
    fi: "Vahvista ensin, että olet tarkistanut luettelon.",
    en: "First confirm that you have checked the list.",
  },
  retentionRun: { fi: "Anonymisoi {count} asiakasta", en: "Anonymise {count} customers" },
  retentionRunning: { fi: "Anonymisoidaan…", en: "Anonymising…" },
  retentionProgressLabel: { fi: "Ajon edistyminen", en: "Progress of the run" },
  retentionProgress: { fi: "Käsitelty {processed}/{total}.", en: "Processed {processed} of {total}." },
  retentionDone: {
    fi: "Valmis: {anonymised} asiakasta anonymisoitu, {skipped} ohitettu.",
    en: "Done: {anonymised} customers anonymised, {skipped} skipped.",
  },
  retentionFailed: {
    fi: "Ajo keskeytyi, kun {processed}/{total} oli käsitelty. Jo anonymisoidut pysyvät anonymisoituina; loput näkyvät luettelossa, ja ajon voi käynnistää uudelleen.",
    en: "The run stopped after {processed} of {total}. Those already anonymised stay so; the rest remain on the list and the run can be started again.",
  },
  retentionSkippedHeading: { fi: "Ohitetut", en: "Skipped" },
  retentionSkipNotFound: { fi: "{id}: asiakasta ei löytynyt", en: "{id}: no such customer" },
  retentionSkipAlreadyAnonymised: { fi: "{id}: jo anonymisoitu", en: "{id}: already anonymised" },
  retentionSkipNotDue: { fi: "{id}: säilytysaika ei ole päättynyt", en: "{id}: retention has not ended" },
  retentionSkipBlocked: { fi: "{id}: poisto on estetty", en: "{id}: erasure is blocked" },
  // Issue 14 B — what retention leaves alone, the schedule and the last runs.
  retentionSkipRestricted: {
    fi: "{id}: käsittelyä on rajoitettu (GDPR 18 art.)",
    en: "{id}: processing is restricted (GDPR Art. 18)",
  },
  retentionSkipLegalHold: { fi: "{id}: oikeudellinen säilytysvelvoite", en: "{id}: under a legal hold" },
  retentionSkipPendingRequest: {
    fi: "{id}: asiakkaalla on käsittelemätön pyyntö",
    en: "{id}: the customer has a pending request",
  },
  retentionSchedule: {
    fi: "Ajo tehdään myös automaattisesti kerran päivässä yöllä, ellei sitä ole asetuksissa kytketty pois. Vain yksi ajo voi olla käynnissä kerrallaan.",
    en: "The run is also made automatically once a day at night, unless the settings switch it off. Only one run can be under way at a time.",
  },
  retentionHeldHeading: {
    fi: "Säilytysaika päättynyt, mutta ajo ohittaa ({count})",
    en: "Retention ended but the run skips them ({count})",
  },
  retentionHeldIntro: {
    fi: "Näitä asiakkaita ei anonymisoida ennen kuin syy poistuu: rajoitus puretaan, oikeudellinen säilytysvelvoite päättyy tai pyyntöön vastataan.",
    en: "These customers are not anonymised until the reason ends: the restriction is lifted, the legal hold ends or the request is answered.",
  },
  retentionHeldCaption: {
    fi: "Asiakkaat, jotka ajo ohittaa, ja syy",
    en: "Customers the run skips, and why",
  },
  retentionColReason: { fi: "Syy", en: "Reason" },
  retentionReasonRestricted: {
    fi: "Käsittelyä on rajoitettu (GDPR 18 art.)",
    en: "Processing is restricted (GDPR Art. 18)",
  },
  retentionReasonLegalHold: { fi: "Oikeudellinen säilytysvelvoite", en: "Under a legal hold" },
  retentionReasonPendingRequest: { fi: "Käsittelemätön pyyntö", en: "A pending request" },
  retentionRunsHeading: { fi: "Viimeisimmät ajot", en: "Last runs" },
  retentionRunsCaption: {
    fi: "Viimeisimmät säilytysajan ajot ja niiden määrät",
    en: "The last retention runs and their counts",
  },
  retentionRunsNone: { fi: "Ajoja ei ole vielä tehty.", en: "No run has been made yet." },
  retentionColStarted: { fi: "Aloitettu", en: "Started" },
  retentionColTrigger: { fi: "Käynnistäjä", en: "Started by" },
  retentionColStatus: { fi: "Tila", en: "Status" },
  retentionColAnonymised: { fi: "Anonymisoitu", en: "Anonymised" },
  retentionColSkipped: { fi: "Ohitettu", en: "Skipped" },
  retentionColRemainders: { fi: "Jäännöksiä poistettu", en: "Remainders erased" },
  retentionColBookkeeping: { fi: "Kirjanpitorivejä poistettu", en: "Bookkeeping rows purged" },
  retentionTriggerSchedule: { fi: "Ajastus", en: "Schedule" },
  retentionTriggerManual: { fi: "Ylläpitäjä", en: "Administrator" },
  retentionTriggerCli: { fi: "Komentorivi", en: "Command line" },
  retentionStatusRunning: { fi: "Käynnissä", en: "Running" },
  retentionStatusDone: { fi: "Valmis", en: "Done" },
  retentionStatusFailed: { fi: "Keskeytyi", en: "Stopped" },
} as const satisfies Record<string, Localized>;

/** The retention feature's texts with the app's, for its components and pages. */
export const { useI18n } = createI18n({ ...appMessages, ...blockerMessages, ...retentionMessages });
