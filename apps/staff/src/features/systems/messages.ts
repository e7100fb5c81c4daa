import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the connected systems feature (fi/en): the systems, their notice parties and API clients. */
export const systemsMessages = {
  systemsTitle: { fi: "Yhdistetyt järjestelmät", en: "Connected systems" },
  systemsIntro: {
    fi: "Yhdistetyt järjestelmät (esimerkiksi asiakkuudenhallinta, verkkokauppa tai laskutus) tuovat tietoja rekisteriin tiedostoina tai rajapinnan kautta. Järjestelmän nimi näytetään asiakkaalle sen antamien tietojen lähteenä. Jokainen muutos kirjataan lokiin.",
    en: "Connected systems (such as the CRM, the web shop or billing) bring data into the register as files or through the API. A system's name is shown to customers as the source of the data it gave. Every change is logged.",
  },
  systemsListCaption: { fi: "Rekisteröidyt järjestelmät", en: "Registered systems" },
  systemsNone: { fi: "Yhtään järjestelmää ei ole vielä rekisteröity.", en: "No system has been registered yet." },
  systemsColName: { fi: "Nimi", en: "Name" },
  systemsColParty: { fi: "Tietosuojaselosteen osapuoli", en: "Party in the privacy notice" },
  systemsColClients: { fi: "API-asiakkaat (käytössä / kaikki)", en: "API clients (active / all)" },
  systemsColLastImport: { fi: "Viimeisin tuonti", en: "Last import" },
  systemsColLastApi: { fi: "Viimeisin rajapintakutsu", en: "Last API call" },
  systemsNever: { fi: "Ei vielä", en: "Not yet" },
  systemsPartySource: { fi: "Tietolähde: {name}", en: "Source: {name}" },
  systemsPartyRecipient: { fi: "Vastaanottaja: {name}", en: "Recipient: {name}" },

  // Register and edit
  systemsRegisterHeading: { fi: "Rekisteröi järjestelmä", en: "Register a system" },
  systemsName: { fi: "Järjestelmän nimi", en: "System name" },
  systemsNameHint: {
    fi: "Asiakas näkee nimen tietojensa lähteenä, esimerkiksi ”Verkkokauppa”. Nimen on oltava yksilöllinen.",
    en: "Customers see the name as the source of their data, for example “Web shop”. The name must be unique.",
  },
  systemsParty: {
    fi: "Tietosuojaselosteen tietolähde tai vastaanottaja",
    en: "Source or recipient in the privacy notice",
  },
  systemsPartyHint: {
    fi: "Mihin selosteessa kerrottuun tietolähteeseen tai vastaanottajaan järjestelmä kuuluu.",
    en: "The source or recipient named in the notice that the system belongs to.",
  },
  systemsPartyChoose: { fi: "Valitse…", en: "Choose…" },
  systemsPartySources: { fi: "Tietolähteet", en: "Sources" },
  systemsPartyRecipients: { fi: "Vastaanottajat", en: "Recipients" },
  systemsRegister: { fi: "Rekisteröi järjestelmä", en: "Register system" },
  systemsRegistering: { fi: "Rekisteröidään…", en: "Registering…" },
  systemsRegistered: { fi: "Järjestelmä {name} on rekisteröity.", en: "The system {name} has been registered." },
  systemsOpen: { fi: "Avaa", en: "Open" },
  systemsBack: { fi: "Kaikki järjestelmät", en: "All systems" },
  systemsDetailsHeading: { fi: "Järjestelmän tiedot", en: "System details" },
  systemsRegisteredOn: { fi: "Rekisteröity", en: "Registered" },
  systemsEditHeading: { fi: "Muuta nimeä tai osapuolta", en: "Rename or re-point" },
  systemsSave: { fi: "Tallenna", en: "Save" },
  systemsSaving: { fi: "Tallennetaan…", en: "Saving…" },
  systemsSaved: { fi: "Järjestelmän tiedot on tallennettu.", en: "The system's details have been saved." },

  // API clients
  clientsHeading: { fi: "API-asiakkaat", en: "API clients" },
  clientsIntro: {
    fi: "API-asiakas on järjestelmän tunnus integraatiorajapintaan. Anna sille vain ne oikeudet, joita järjestelmä tarvitsee.",
    en: "An API client is the system's credential for the integration API. Give it only the scopes the system needs.",
  },
  clientsCaption: { fi: "Järjestelmän API-asiakkaat", en: "The system's API clients" },
  clientsNone: { fi: "Järjestelmällä ei ole API-asiakkaita.", en: "The system has no API clients." },
  clientsColName: { fi: "Nimi", en: "Name" },
  clientsColScopes: { fi: "Oikeudet", en: "Scopes" },
  clientsColRate: { fi: "Pyyntöjä / min", en: "Requests / min" },
  clientsColCreated: { fi: "Luotu", en: "Created" },
  clientsColRotated: { fi: "Salaisuus vaihdettu", en: "Secret rotated" },
  clientsColLastUsed: { fi: "Viimeksi käytetty", en: "Last used" },
  clientsColStatus: { fi: "Tila", en: "Status" },
  clientsColActions: { fi: "Toiminnot", en: "Actions" },
  clientsDefaultRate: { fi: "Oletus", en: "Default" },
  clientsActive: { fi: "Käytössä", en: "Active" },
  clientsRevokedOn: { fi: "Poistettu käytöstä {date}", en: "Revoked on {date}" },
  clientsCreateHeading: { fi: "Luo API-asiakas", en: "Create an API client" },
  clientsName: { fi: "API-asiakkaan nimi", en: "API client name" },
  clientsNameHint: {
    fi: "Esimerkiksi ”CRM:n yösynkronointi”. Nimi näkyy lokitiedoissa ja on yksilöllinen.",
    en: "For example “CRM nightly sync”. The name shows in the audit trail and must be unique.",
  },
  clientsScopes: { fi: "Oikeudet", en: "Scopes" },
  clientsRate: { fi: "Pyyntöjä minuutissa (valinnainen)", en: "Requests a minute (optional)" },
  clientsRateHint: {
    fi: "Tyhjä: palvelun oletusraja. Enintään 6000.",
    en: "Empty: the service's default limit. At most 6000.",
  },
  clientsCreate: { fi: "Luo API-asiakas", en: "Create API client" },
  clientsCreating: { fi: "Luodaan…", en: "Creating…" },
  clientsRotate: { fi: "Vaihda salaisuus", en: "Rotate secret" },
  clientsRevoke: { fi: "Poista käytöstä", en: "Revoke" },
  clientsRotateConfirm: {
    fi: "Vaihdetaanko API-asiakkaan {name} salaisuus? Vanha tunniste lakkaa toimimasta heti, ja järjestelmään on vaihdettava uusi.",
    en: "Rotate the secret of the API client {name}? The old token stops working at once and the system must be given the new one.",
  },
  clientsRevokeConfirm: {
    fi: "Poistetaanko API-asiakas {name} käytöstä pysyvästi? Sen tunniste lakkaa toimimasta heti, eikä sitä voi ottaa uudelleen käyttöön.",
    en: "Revoke the API client {name} for good? Its token stops working at once and it cannot be brought back.",
  },
  clientsConfirmRotate: { fi: "Kyllä, vaihda salaisuus", en: "Yes, rotate the secret" },
  clientsConfirmRevoke: { fi: "Kyllä, poista käytöstä", en: "Yes, revoke" },
  clientsCancel: { fi: "Peruuta", en: "Cancel" },
  clientsRevoked: { fi: "API-asiakas {name} on poistettu käytöstä.", en: "The API client {name} has been revoked." },

  // The token, shown once
  tokenHeading: { fi: "Uusi tunniste: {name}", en: "New token: {name}" },
  tokenWarning: {
    fi: "Tunniste näytetään vain nyt. Kopioi se ja tallenna se järjestelmän asetuksiin turvallisesti. Rekisteri säilyttää siitä vain tiivisteen, joten sitä ei voi näyttää uudelleen; jos se katoaa, vaihda salaisuus.",
    en: "The token is shown only now. Copy it and store it safely in the system's settings. The register keeps only a hash of it, so it cannot be shown again; if it is lost, rotate the secret.",
  },
  tokenLabel: { fi: "Tunniste (Bearer)", en: "Token (Bearer)" },
  tokenCopy: { fi: "Kopioi", en: "Copy" },
  tokenCopied: { fi: "Tunniste on kopioitu leikepöydälle.", en: "The token has been copied to the clipboard." },
  tokenCopyFailed: {
    fi: "Kopiointi ei onnistunut. Valitse tunniste kentästä ja kopioi se itse.",
    en: "Copying did not work. Select the token in the field and copy it yourself.",
  },
  tokenDone: { fi: "Olen tallentanut tunnisteen", en: "I have stored the token" },
} as const satisfies Record<string, Localized>;

/** The systems feature's texts with the app's, for its components and pages. */
export const { useI18n } = createI18n({ ...appMessages, ...systemsMessages });
