import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the audit feature (fi/en); keys start with "audit". */
export const auditMessages = {
  auditTitle: { fi: "Lokitiedot", en: "Audit trail" },
  auditIntro: {
    fi: "Jokainen asiakastietojen luku ja muutos, jokainen päätös, vienti ja kirjautuminen kirjataan. Merkinnät on ketjutettu tiivisteillä, joten muutettu tai poistettu merkintä paljastuu tarkistuksessa. Myös tämän sivun katselu kirjataan.",
    en: "Every read and change of customer data, every decision, export and sign-in is logged. Entries are hash-chained, so an altered or removed entry shows up in the verification. Viewing this page is logged too.",
  },
  auditFiltersLabel: { fi: "Rajaa lokimerkintöjä", en: "Filter the entries" },
  auditFilterActor: { fi: "Henkilö", en: "Staff member" },
  auditFilterActorAny: { fi: "Kaikki", en: "Anyone" },
  auditFilterAction: { fi: "Tapahtuma", en: "Action" },
  auditFilterActionHint: {
    fi: "Tapahtuman tunnus tai sen alku, esim. customer.record.viewed tai staff.",
    en: "An action code or its beginning, e.g. customer.record.viewed or staff.",
  },
  auditFilterCustomer: { fi: "Asiakastunnus", en: "Customer ID" },
  auditFilterCustomerHint: { fi: "Esim. c0000001", en: "E.g. c0000001" },
  auditFilterFrom: { fi: "Alkaen", en: "From" },
  auditFilterTo: { fi: "Asti", en: "To" },
  auditApply: { fi: "Näytä", en: "Apply" },
  auditClear: { fi: "Tyhjennä rajaukset", en: "Clear filters" },
  auditEntriesCaption: { fi: "Lokimerkinnät, uusimmat ensin", en: "Entries, newest first" },
  auditColSeq: { fi: "Nro", en: "No." },
  auditColAt: { fi: "Aika", en: "Time" },
  auditColActor: { fi: "Tekijä", en: "Actor" },
  auditColAction: { fi: "Tapahtuma", en: "Action" },
  auditColCustomer: { fi: "Asiakas", en: "Customer" },
  auditColDetail: { fi: "Tiedot", en: "Details" },
  auditColIp: { fi: "IP-osoite", en: "IP address" },
  auditActorSystem: { fi: "Järjestelmä", en: "System" },
  auditActorCustomer: { fi: "Asiakas {id}", en: "Customer {id}" },
  auditNoEntries: { fi: "Ei merkintöjä näillä rajauksilla.", en: "No entries match these filters." },
  auditShown: {
    fi: "Merkintöjä näytetty: {count}. Lisää on saatavilla.",
    en: "Entries shown: {count}. More are available.",
  },
  auditShownAll: { fi: "Merkintöjä: {count}, kaikki näytetty.", en: "Entries: {count}, all shown." },
  auditLoadMore: { fi: "Näytä lisää", en: "Load more" },
  auditLoadingMore: { fi: "Ladataan…", en: "Loading…" },
  // Issue 14 G: the export for the data-protection officer.
  auditExportHeading: { fi: "Lokitietojen vienti", en: "Export the trail" },
  auditExportIntro: {
    fi: "Lataa yllä rajatut merkinnät ja ketjun allekirjoitetut tarkistuspisteet tiedostona. CSV avautuu taulukkolaskentaan (tarkistuspisteet ovat lopussa omina riveinään); JSON sopii ketjun tarkistamiseen. Vienti kirjataan lokiin ennen latausta.",
    en: "Download the entries filtered above and the chain's signed checkpoints as a file. CSV opens in a spreadsheet (the checkpoints are rows of their own at the end); JSON suits verifying the chain. The export is logged before the download starts.",
  },
  auditExportCsv: { fi: "Lataa CSV", en: "Download CSV" },
  auditExportJson: { fi: "Lataa JSON", en: "Download JSON" },
  auditVerifyHeading: { fi: "Ketjun tarkistus", en: "Verify the chain" },
  auditVerifyIntro: {
    fi: "Tarkistus laskee jokaisen merkinnän tiivisteen uudelleen avaimella, jota tietokannassa ei ole, ja nimeää ensimmäisen muutetun tai poistetun merkinnän. Se tarkistaa myös allekirjoitetut tarkistuspisteet ja tietosuojavastaavan säilyttämät kopiot, jos liität ne. Tarkistus kirjataan lokiin.",
    en: "The verification recomputes every entry's hash with a key the database does not hold, and names the first altered or removed entry. It also checks the signed checkpoints, and the copies the data-protection officer keeps if you paste them. The run is logged.",
  },
  auditCopiesLabel: {
    fi: "Tietosuojavastaavan tarkistuspisteet (valinnainen)",
    en: "The DPO's checkpoints (optional)",
  },
  auditCopiesHint: {
    fi: 'Liitä tarkistuspisteviesteistä rivit, jotka alkavat "tietoni-audit-checkpoint v1", tai kokonaiset viestit.',
    en: 'Paste the lines starting with "tietoni-audit-checkpoint v1" from the checkpoint mails, or the whole mails.',
  },
  auditCopiesFile: { fi: "Tai valitse tiedosto", en: "Or choose a file" },
  auditVerifyCheckpointsFail: {
    fi: "Ketju on sisäisesti eheä, mutta kaikki tarkistuspisteet eivät täsmää: ketjua on kirjoitettu uudelleen, sen loppu on katkaistu tai tarkistuspiste on poistettu. Ilmoita tästä heti rekisterin vastuuhenkilölle.",
    en: "The chain is intact in itself, but not every checkpoint matches: the chain was rewritten, its tail cut, or a checkpoint removed. Report this to the register's contact person at once.",
  },
  auditFactEntries: { fi: "Merkinnät", en: "Entries" },
  auditFactEntriesValue: {
    fi: "{count} tarkistettu, joista {unkeyed} ennen avaimen käyttöönottoa (SHA-256)",
    en: "{count} checked, {unkeyed} of them from before keying (SHA-256)",
  },
  auditFactHmacKeys: { fi: "Ketjun avaimet (HMAC)", en: "Chain keys (HMAC)" },
  auditFactConfigured: { fi: "(käytössä nyt: {id})", en: "(in use now: {id})" },
  auditFactCheckpoints: { fi: "Tarkistuspisteet", en: "Checkpoints" },
  auditFactCheckpointsValue: {
    fi: "{count} tarkistettu (allekirjoitus ja ketjun pää)",
    en: "{count} checked (signature and chain head)",
  },
  auditFactLastCheckpoint: { fi: "Viimeisin tarkistuspiste", en: "Last checkpoint" },
  auditFactLastCheckpointValue: { fi: "merkintä {seq}, {at}", en: "entry {seq}, {at}" },
  auditFactNone: { fi: "ei yhtään", en: "none" },
  auditFactSigningKeys: { fi: "Allekirjoitusavaimet (Ed25519)", en: "Signing keys (Ed25519)" },
  auditFactDpoCopies: { fi: "Tietosuojavastaavan kopiot", en: "The DPO's copies" },
  auditFactDpoCopiesValue: { fi: "{count} verrattu", en: "{count} compared" },
  auditProblemsHeading: { fi: "Poikkeamat", en: "Problems" },
  auditProblemDatabase: { fi: "Tietokannan tarkistuspiste {seq}:", en: "Database checkpoint {seq}:" },
  auditProblemDpo: { fi: "Tietosuojavastaavan kopio {seq}:", en: "The DPO's copy {seq}:" },
  auditVerify: { fi: "Tarkista ketju", en: "Verify the chain" },
  auditVerifying: { fi: "Tarkistetaan…", en: "Verifying…" },
  auditVerifyOk: {
    fi: "Ketju on eheä: {count} merkintää tarkistettu.",
    en: "The chain is intact: {count} entries checked.",
  },
  auditVerifyBroken: {
    fi: "Ketju on katkennut merkinnän nro {seq} kohdalla: merkintää tai sitä edeltävää on muutettu, tai välistä on poistettu merkintä. Ilmoita tästä heti rekisterin vastuuhenkilölle.",
    en: "The chain is broken at entry no. {seq}: that entry or the one before it was altered, or an entry in between was removed. Report this to the register's contact person at once.",
  },
} as const satisfies Record<string, Localized>;

/** Readable names of the actions this product writes; unknown actions are shown by their code alone. */
export const auditActionLabels: Record<string, Localized> = {
  "customer.search": { fi: "Asiakashaku", en: "Customer search" },
  "customer.record.viewed": { fi: "Asiakastiedot avattu", en: "Customer record opened" },
  "staff.sign_in": { fi: "Kirjautuminen", en: "Sign-in" },
  "staff.sign_in_failed": { fi: "Epäonnistunut kirjautuminen", en: "Failed sign-in" },
  "staff.sign_out": { fi: "Uloskirjautuminen", en: "Sign-out" },
  "staff.sign_out_everywhere": {
    fi: "Uloskirjautuminen kaikilta laitteilta",
    en: "Signed out everywhere",
  },
  "staff.created": { fi: "Käyttäjätunnus luotu", en: "Staff account created" },
  "staff.updated": { fi: "Käyttäjätunnusta muutettu", en: "Staff account changed" },
  // Issue 14 D — four eyes.
  "staff.admin_approved": { fi: "Ylläpitäjä hyväksytty", en: "Administrator approved" },
  "four_eyes.changed": { fi: "Kahden henkilön hyväksyntä muutettu", en: "Four eyes switched" },
  "four_eyes.waived": {
    fi: "Toimi tehty ilman toista henkilöä (hyväksyntä pois käytöstä)",
    en: "Act done without a second person (four eyes off)",
  },
  "staff.password_reset": { fi: "Salasana vaihdettu", en: "Password reset" },
  "staff.totp.enrolment_started": {
    fi: "Kaksivaiheisen tunnistuksen käyttöönotto aloitettu",
    en: "Two-factor enrolment started",
  },
  "staff.totp.enabled": { fi: "Kaksivaiheinen tunnistus otettu käyttöön", en: "Two-factor sign-in turned on" },
  "staff.totp.reset": { fi: "Kaksivaiheinen tunnistus nollattu", en: "Two-factor sign-in reset" },
  "staff.password_changed": { fi: "Oma salasana vaihdettu", en: "Own password changed" },
  "staff.role_policy.changed": {
    fi: "Roolin kaksivaiheisen tunnistuksen vaatimus muutettu",
    en: "Role's two-factor requirement changed",
  },
  "restriction.ended_by_correction": {
    fi: "Rajoitus päättyi oikaisun hyväksymiseen",
    en: "Restriction ended by an approved correction",
  },
  "customer.sign_in": { fi: "Asiakas kirjautui", en: "Customer signed in" },
  "customer.sign_in_failed": { fi: "Asiakkaan kirjautuminen epäonnistui", en: "Customer sign-in failed" },
  "customer.sign_out": { fi: "Asiakas kirjautui ulos", en: "Customer signed out" },
  "customer.session.ended": { fi: "Asiakas päätti istunnon", en: "Customer ended a session" },
  "customer.sessions.ended_others": {
    fi: "Asiakas päätti muut istuntonsa",
    en: "Customer ended their other sessions",
  },
  "customer.reauthenticated": { fi: "Asiakas vahvisti henkilöllisyytensä", en: "Customer confirmed it is them" },
  "customer.email_change.started": {
    fi: "Asiakas aloitti sähköpostiosoitteen vaihdon",
    en: "Customer started an e-mail change",
  },
  "customer.email_changed": { fi: "Asiakkaan sähköpostiosoite vaihtui", en: "Customer's e-mail address changed" },
  "customer.email_change.undone": {
    fi: "Sähköpostiosoitteen vaihto peruttu",
    en: "E-mail change undone",
  },
  "customer.export.downloaded": { fi: "Asiakas latasi tietonsa", en: "Customer downloaded their data" },
  "customer.request.submitted": { fi: "Asiakas jätti pyynnön", en: "Customer submitted a request" },
  "digest.sent": { fi: "Päivittäinen kooste lähetetty henkilökunnalle", en: "Daily digest sent to staff" },
  "maintenance.purged": { fi: "Vanhentuneet tiedot poistettu", en: "Expired data purged" },
  "audit.viewed": { fi: "Lokitietoja katseltu", en: "Audit trail viewed" },
  "audit.verified": { fi: "Lokiketju tarkistettu", en: "Audit chain verified" },
  "notice.version_recorded": {
    fi: "Tietosuojaselosteen uusi versio voimaan",
    en: "New privacy notice version in force",
  },
  "audit.exported": { fi: "Lokitiedot viety", en: "Audit trail exported" },
  "request_statistics.viewed": { fi: "Pyyntötilastoja katseltu", en: "Request statistics viewed" },
};

/** The audit feature's texts with the app's, for its components and pages. */
export const { useI18n } = createI18n({ ...appMessages, ...auditMessages });

/** Why a checkpoint does not hold (the BFF's `CheckpointProblemReason`). */
export const auditProblemReasons: Record<
  "signature_invalid" | "unknown_key" | "head_mismatch" | "beyond_chain" | "missing_in_database",
  Localized
> = {
  signature_invalid: {
    fi: "allekirjoitus ei täsmää – tarkistuspistettä on muutettu tai se on väärennetty.",
    en: "the signature does not match – the checkpoint was edited or forged.",
  },
  unknown_key: {
    fi: "allekirjoitettu avaimella, jota palvelin ei tunne (aiempi avain puuttuu asetuksista).",
    en: "signed with a key the server does not know (an earlier key is missing from the settings).",
  },
  head_mismatch: {
    fi: "ketjun pää on tässä kohdassa toinen – ketjua on kirjoitettu uudelleen.",
    en: "the chain has another head at this entry – the chain was rewritten.",
  },
  beyond_chain: {
    fi: "ketju päättyy ennen tätä merkintää – sen loppu on katkaistu.",
    en: "the chain ends before this entry – its tail was cut.",
  },
  missing_in_database: {
    fi: "tarkistuspiste puuttuu tietokannasta – se on poistettu.",
    en: "the checkpoint is missing from the database – it was removed.",
  },
};
