import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { blockerMessages } from "../../lib/blocker-text.ts";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the operations feature (fi/en); keys start with "operations". */
export const operationsMessages = {
  operationsWorking: { fi: "Käsitellään…", en: "Working…" },
  operationsNotPending: {
    fi: "Pyyntö on jo ratkaistu, joten toimenpidettä ei voi enää tehdä.",
    en: "The request has already been decided, so this action is no longer available.",
  },
  operationsConfirmRequired: {
    fi: "Vahvista ensin, että olet tarkistanut tiedot.",
    en: "First confirm that you have checked the details.",
  },

  // Erasure
  operationsErasureHeading: { fi: "Poiston toteuttaminen", en: "Carrying out the erasure" },
  operationsErasureIntro: {
    fi: "Poisto toteutetaan anonymisoimalla: henkilötiedot poistetaan yhdellä kertaa, ja kirjanpitoaineisto säilyy ilman henkilötietoja. Asiakkaalle lähetetään vahvistus ennen kuin osoite poistetaan.",
    en: "Erasure is carried out as anonymisation: personal data is removed in one go, and bookkeeping records stay without personal data. The customer is sent a confirmation before the address is removed.",
  },
  operationsBlockersHeading: { fi: "Poiston estävät perusteet", en: "Grounds that block erasure" },
  operationsBlockersNone: { fi: "Mikään peruste ei estä poistoa.", en: "No ground blocks erasure." },
  operationsBlockedNote: {
    fi: "Niin kauan kuin jokin peruste on voimassa, poisto toteutetaan osittain: poistetaan se, mitä mikään peruste ei vaadi säilyttämään, ja loput, kun viimeinen peruste päättyy. Asiakkaalle lähetetään kirjallinen selvitys.",
    en: "While a ground holds, the erasure is partial: what no ground requires is erased now, the rest when the last ground ends. The customer is sent a written account.",
  },
  operationsRemovesHeading: { fi: "Mitä poistetaan", en: "What will be removed" },
  operationsRemovesSessions: {
    fi: "Istunnot, kirjautumishistoria, kirjautumiskoodit ja keskeneräiset sähköpostin vaihdot (kirjautuminen estyy)",
    en: "Sessions, sign-in history, sign-in codes and pending e-mail changes (signing in is no longer possible)",
  },
  operationsRemovesHistory: {
    fi: "Tietojen muutoshistoria (vanhat ja uudet arvot) ja latausloki",
    en: "The change history of the data (old and new values) and the download log",
  },
  operationsRemovesRequestTexts: {
    fi: "Asiakkaan omat tekstit pyynnöissä; pyyntöjen tyyppi, päivämäärät ja ratkaisut säilyvät",
    en: "The customer's own words in their requests; the requests' types, dates and decisions stay",
  },
  operationsKeptHeading: { fi: "Mitä säilytetään", en: "What is kept" },
  operationsKeptCaption: {
    fi: "Poiston jälkeen säilytettävät tiedot",
    en: "Data kept after the erasure",
  },
  operationsKeptWhat: { fi: "Tieto", en: "What" },
  operationsKeptRule: { fi: "Peruste", en: "Why" },
  operationsKeptUntil: { fi: "Säilytetään", en: "Kept" },
  operationsKeptForever: { fi: "Toistaiseksi", en: "Indefinitely" },
  operationsKeptUntilDate: { fi: "{date} asti", en: "Until {date}" },
  operationsKeptBookkeeping: {
    fi: "Tilaukset ja laskut kirjanpitoa varten, ilman nimeä ja yhteystietoja",
    en: "Orders and invoices for bookkeeping, without name or contact details",
  },
  operationsKeptBookkeepingRule: {
    fi: "Kirjanpitolaki (1336/1997) 2 luku 10 §",
    en: "Accounting Act (1336/1997), chapter 2 section 10",
  },
  operationsKeptSuppression: {
    fi: "Markkinointikielto sähköpostiosoitteen avaimellisena tiivisteenä (estolista)",
    en: "The marketing objection as a keyed hash of the e-mail address (suppression list)",
  },
  operationsKeptSuppressionRule: {
    fi: "GDPR 21 art.: kielto pysyy, vaikka osoite tuotaisiin myöhemmin uudelleen",
    en: "GDPR Art. 21: the objection holds even if the address is imported again later",
  },
  operationsKeptAuditTrail: {
    fi: "Lokimerkinnät käsittelystä, ilman henkilötietoja",
    en: "Audit trail entries of the processing, without personal data",
  },
  operationsKeptAuditTrailRule: {
    fi: "GDPR 5 art. 2 kohta (osoitusvelvollisuus)",
    en: "GDPR Art. 5(2) (accountability)",
  },
  operationsConfirmHeading: { fi: "Vahvistus", en: "Confirmation" },
  operationsErasureConfirmLabel: {
    fi: "Olen tarkistanut perusteet sekä sen, mitä poistetaan ja mitä säilytetään. Anonymisointia ei voi perua.",
    en: "I have checked the grounds and what will be removed and kept. Anonymisation cannot be undone.",
  },
  operationsErasureExecute: { fi: "Anonymisoi asiakkaan tiedot", en: "Anonymise the customer's data" },
  operationsErasureDone: {
    fi: "Asiakkaan tiedot on anonymisoitu. Vahvistus lähetettiin asiakkaan aiempaan sähköpostiosoitteeseen.",
    en: "The customer's data has been anonymised. A confirmation was sent to the customer's former e-mail address.",
  },
  operationsErasureSuppressed: {
    fi: "Asiakkaan markkinointikielto säilyy estolistalla.",
    en: "The customer's marketing objection is kept on the suppression list.",
  },
  operationsErasureCompleted: { fi: "Poisto on toteutettu {date}.", en: "The erasure was carried out on {date}." },
  // Issue 14 D — four eyes: the erasure waits for a second person.
  operationsErasureWaits: {
    fi: "Poisto odottaa toisen henkilön hyväksyntää. Se toteutetaan, kun joku toinen hyväksyy sen Hyväksynnät-sivulla.",
    en: "The erasure waits for a second person's approval. It is carried out when someone else approves it on the Approvals page.",
  },
  operationsErasureWaitsRegistrant: {
    fi: "Kirjasit tämän pyynnön itse, joten et voi toteuttaa poistoa yksin.",
    en: "You registered this request yourself, so you cannot carry out the erasure alone.",
  },
  operationsErasureWaitsCleared: {
    fi: "Poistit itse tämän asiakkaan poiston esteen, joten et voi toteuttaa poistoa yksin.",
    en: "You cleared this customer's erasure blocker yourself, so you cannot carry out the erasure alone.",
  },
  operationsAlreadyAnonymised: {
    fi: "Asiakkaan tiedot on jo anonymisoitu.",
    en: "The customer's data has already been anonymised.",
  },

  // Restriction
  operationsRestrictionHeading: { fi: "Käsittelyn rajoittaminen", en: "Restriction of processing" },
  operationsRestrictionGround: { fi: "Peruste", en: "Ground" },
  operationsRestrictionIntro: {
    fi: "Rajoituksen aikana asiakkaan tiedot merkitään rajoitetuiksi, ne jätetään pois markkinoinnista ja luetteloista, eikä niitä muuteta muuten kuin pyynnön ratkaisemiseksi. Asiakkaalle lähetetään vahvistus.",
    en: "While restricted, the record is flagged, left out of marketing and lists, and not changed except to resolve the request. The customer is sent a confirmation.",
  },
  operationsRestrictionApply: { fi: "Rajoita käsittelyä", en: "Restrict processing" },
  operationsRestrictionApplied: {
    fi: "Käsittely on rajoitettu {date} alkaen.",
    en: "Processing has been restricted since {date}.",
  },
  operationsRestrictionLiftHeading: { fi: "Rajoituksen poistaminen", en: "Lifting the restriction" },
  operationsRestrictionLiftIntro: {
    fi: "Asiakkaalle on kerrottava ennen kuin rajoitus poistetaan (GDPR 18 art. 3 kohta). Lähetä ensin ilmoitus ja poista rajoitus sen jälkeen syineen. Paikkansapitävyyden kiistämiseen perustuva rajoitus päättyy myös, kun asiakkaan korjauspyyntö hyväksytään.",
    en: "The customer must be told before the restriction is lifted (GDPR Art. 18(3)). Send the notice first, then lift the restriction with its reason. A restriction on contested accuracy also ends when the customer's correction request is approved.",
  },
  operationsRestrictionStepNotify: { fi: "1. Ilmoita asiakkaalle", en: "1. Tell the customer" },
  operationsRestrictionStepLift: { fi: "2. Poista rajoitus", en: "2. Lift the restriction" },
  operationsRestrictionNotify: { fi: "Lähetä ilmoitus asiakkaalle", en: "Send the notice to the customer" },
  operationsRestrictionNotifyAgain: { fi: "Lähetä ilmoitus uudelleen", en: "Send the notice again" },
  operationsRestrictionNotified: { fi: "Asiakkaalle ilmoitettu {date}.", en: "Customer notified on {date}." },
  operationsRestrictionNotNotified: {
    fi: "Asiakkaalle ei ole vielä ilmoitettu.",
    en: "The customer has not been notified yet.",
  },
  operationsRestrictionLiftWaits: {
    fi: "Rajoituksen voi poistaa, kun asiakkaalle on ilmoitettu.",
    en: "The restriction can be lifted once the customer has been told.",
  },
  operationsRestrictionLift: { fi: "Poista rajoitus", en: "Lift the restriction" },
  // Issue 13 E: the notice's delivery, and telling the customer another way when it failed.
  operationsNoticePending: {
    fi: "Ilmoitus on lähtevien viestien jonossa, mutta sitä ei ole vielä toimitettu.",
    en: "The notice is in the outbox but has not been delivered yet.",
  },
  operationsNoticeDelivered: {
    fi: "Ilmoitus on toimitettu asiakkaalle.",
    en: "The notice was delivered to the customer.",
  },
  operationsNoticeFailing: {
    fi: "Ilmoituksen toimitus epäonnistuu, sitä yritetään uudelleen ({error}).",
    en: "Delivering the notice is failing and will be retried ({error}).",
  },
  operationsNoticeDead: {
    fi: "Ilmoitusta ei voitu toimittaa ({error}).",
    en: "The notice could not be delivered ({error}).",
  },
  operationsNoticeNoEmail: {
    fi: "Asiakkaalla ei ole sähköpostiosoitetta, joten ilmoitusta ei voi lähettää sähköpostilla.",
    en: "The customer has no e-mail address, so the notice cannot be mailed.",
  },
  operationsNoticeToldOtherwise: {
    fi: "Asiakkaalle kerrottu muuten {date}: {method}.",
    en: "The customer was told another way on {date}: {method}.",
  },
  operationsToldOtherwiseHeading: { fi: "Kerroitko asiakkaalle muuten?", en: "Did you tell the customer another way?" },
  operationsToldOtherwiseIntro: {
    fi: "Jos sähköposti ei mene perille, kerro asiakkaalle muulla tavalla ja kirjaa tapa tähän. Sen jälkeen rajoituksen voi poistaa.",
    en: "If the mail does not get through, tell the customer another way and record how here. The restriction can then be lifted.",
  },
  operationsToldOtherwiseLegend: { fi: "Miten kerroit asiakkaalle", en: "How you told the customer" },
  operationsToldOtherwiseSave: { fi: "Kirjaa ilmoitustapa", en: "Record how the customer was told" },
  operationsRestrictionLiftWaitsDelivery: {
    fi: "Rajoituksen voi poistaa, kun ilmoitus on toimitettu tai kun olet kirjannut, miten kerroit asiakkaalle muuten.",
    en: "The restriction can be lifted once the notice has been delivered, or once you have recorded how you told the customer another way.",
  },
  operationsRestrictionLifted: { fi: "Rajoitus poistettiin {date}.", en: "The restriction was lifted on {date}." },
  operationsRestrictionLiftReasonLegend: {
    fi: "Syy rajoituksen poistamiseen (asiakas näkee sen)",
    en: "Reason for lifting the restriction (the customer sees it)",
  },
  operationsRestrictionLiftReason: { fi: "Syy: {reason}.", en: "Reason: {reason}." },
  operationsRestrictionEndedBy: {
    fi: "Rajoitus päättyi, kun asiakkaan korjauspyyntö hyväksyttiin:",
    en: "The restriction ended when the customer's correction request was approved:",
  },
  operationsRestrictionEndedByLink: { fi: "korjauspyyntö {id}", en: "correction request {id}" },
  operationsRestrictionNone: {
    fi: "Pyyntö on ratkaistu, eikä rajoitusta asetettu.",
    en: "The request has been decided and no restriction was applied.",
  },

  // Mailing list
  operationsMailingTitle: { fi: "Suoramainonnan postituslista", en: "Mailing list for direct advertising" },
  operationsMailingIntro: {
    fi: "Listalle tulevat vain asiakkaat, joiden tietoja saa käyttää valittuun tarkoitukseen: vastustukset, käsittelyn rajoitukset, poistot ja estolista tarkistetaan jokaisen asiakkaan kohdalla. Jokainen lataus kirjataan lokiin.",
    en: "The list holds only customers whose data may be used for the chosen purpose: objections, restrictions of processing, erasures and the suppression list are checked for each customer. Every download is logged.",
  },
  operationsMailingPurpose: { fi: "Käyttötarkoitus", en: "Purpose" },
  operationsMailingBarredBy: {
    fi: "Listalta jätetään pois asiakkaat, jotka ovat kieltäneet jonkin näistä: {purposes}.",
    en: "Customers who objected to any of these are left out: {purposes}.",
  },
  operationsMailingSummaryHeading: { fi: "Listan sisältö", en: "What the list holds" },
  operationsMailingEligible: { fi: "Listalla", en: "On the list" },
  operationsMailingExcludedObjected: { fi: "Pois: vastustanut", en: "Left out: objected" },
  operationsMailingExcludedRestricted: { fi: "Pois: käsittely rajoitettu", en: "Left out: processing restricted" },
  operationsMailingExcludedErased: { fi: "Pois: tiedot poistettu", en: "Left out: data erased" },
  operationsMailingExcludedSuppressed: { fi: "Pois: estolistalla", en: "Left out: on the suppression list" },
  operationsMailingExcludedAddressProtected: {
    fi: "Pois: turvakielto (osoite ei koskaan listalle)",
    en: "Left out: protected address (never on a list)",
  },
  operationsMailingOverlap: {
    fi: "Sama asiakas voi olla jätetty pois usealla perusteella.",
    en: "One customer may be left out for more than one reason.",
  },
  operationsMailingCount: { fi: "{count} asiakasta", en: "{count} customers" },
  operationsMailingDownload: { fi: "Lataa CSV-tiedosto ({count} asiakasta)", en: "Download CSV ({count} customers)" },
  operationsMailingColumns: {
    fi: "Sarakkeet: etunimi, sukunimi, katuosoite, postinumero, postitoimipaikka, maa ja sähköposti. Tiedosto on UTF-8-muodossa.",
    en: "Columns: first name, last name, street, postal code, city, country and e-mail. The file is UTF-8.",
  },
  // Issue 14 A — erasure to the extent required, and the remainder as a desk task.
  operationsScopeHeading: { fi: "Mitä perusteet säilyttävät", en: "What the grounds keep" },
  operationsScopeCaption: {
    fi: "Säilytettävät tiedot perusteittain ja säilytysaika",
    en: "Data kept, by ground, and until when",
  },
  operationsScopeGround: { fi: "Peruste", en: "Ground" },
  operationsScopeData: { fi: "Säilytettävät tiedot", en: "Data kept" },
  operationsScopeUntilGroundEnds: { fi: "kunnes peruste päättyy", en: "until the ground ends" },
  operationsErasurePartialExecute: {
    fi: "Poista se, mitä mikään peruste ei vaadi",
    en: "Erase what no ground requires",
  },
  operationsErasurePartialDone: {
    fi: "Poistettiin se, mitä mikään peruste ei vaadi. Asiakkaalle lähetettiin selvitys säilytetyistä tiedoista.",
    en: "What no ground requires was erased. The customer was sent an account of what was kept.",
  },
  operationsRemainderHeading: { fi: "Loppujen tietojen poisto", en: "Erasing the rest" },
  operationsRemainderHeld: {
    fi: "Osittain poistettu {date}. Jokin peruste säilyttää vielä tietoja; loput poistetaan, kun viimeinen peruste päättyy.",
    en: "Partially erased on {date}. A ground still keeps data; the rest is erased when the last ground ends.",
  },
  operationsRemainderDue: {
    fi: "Osittain poistettu {date}. Viimeinen peruste on päättynyt: loput tiedot on poistettava.",
    en: "Partially erased on {date}. The last ground has ended: the rest is due for erasure.",
  },
  operationsRemainderExecute: { fi: "Poista loput tiedot nyt", en: "Erase the rest now" },
  operationsRemainderDone: {
    fi: "Loput tiedot on poistettu ja asiakkaan tiedot anonymisoitu.",
    en: "The rest has been erased and the customer's data anonymised.",
  },
} as const satisfies Record<string, Localized>;

/** The operations feature's texts with the app's, for its components and pages. */
export const { useI18n } = createI18n({ ...appMessages, ...blockerMessages, ...operationsMessages });
