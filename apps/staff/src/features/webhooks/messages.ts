import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the webhooks feature (fi/en): connected systems' endpoints, their signing secrets, the form. */
export const webhooksMessages = {
  webhooksTitle: { fi: "Webhookit", en: "Webhooks" },
  webhooksIntro: {
    fi: "Webhook kertoo yhdistetylle järjestelmälle (esimerkiksi uutiskirjetyökalulle tai verkkokaupalle) heti, kun asiakkaan tiedot tai päätökset muuttuvat: esimerkiksi markkinointikielto, yhteystietojen muutos tai poisto. Järjestelmä saa vain valitsemasi tapahtumat ja vain, jos se saa vastaanottaa kaikki tapahtuman tietoryhmät. Jokainen toimitus kirjataan luovutuslokiin, ja jokainen muutos tähän kirjataan lokiin.",
    en: "A webhook tells a connected system (such as the newsletter tool or the web shop) at once when a customer's data or decisions change: a marketing objection, a change of contact data or an erasure, for example. The system gets only the events you choose, and only when it may receive every data category of the event. Each delivery is recorded in the disclosure log, and every change here is logged.",
  },
  webhooksListCaption: { fi: "Webhook-vastaanottajat", en: "Webhook endpoints" },
  webhooksNone: { fi: "Yhtään webhookia ei ole vielä lisätty.", en: "No webhook endpoint has been added yet." },
  webhooksColSystem: { fi: "Järjestelmä", en: "System" },
  webhooksColUrl: { fi: "Osoite", en: "URL" },
  webhooksColEvents: { fi: "Tapahtumat", en: "Events" },
  webhooksColCategories: { fi: "Tietoryhmät", en: "Data categories" },
  webhooksColDeliveries: { fi: "Toimitukset", en: "Deliveries" },
  webhooksColState: { fi: "Tila", en: "State" },
  webhooksColActions: { fi: "Toiminnot", en: "Actions" },
  webhooksNoCategories: { fi: "Ei henkilötietoja", en: "No personal data" },
  webhooksEnabled: { fi: "Käytössä", en: "Enabled" },
  webhooksDisabled: { fi: "Pois käytöstä", en: "Disabled" },
  webhooksDeliveries: {
    fi: "{delivered} toimitettu, {waiting} odottaa, {dead} epäonnistui",
    en: "{delivered} delivered, {waiting} waiting, {dead} failed",
  },
  webhooksLastDelivered: { fi: "Viimeksi {date}", en: "Last {date}" },
  webhooksDisable: { fi: "Poista käytöstä", en: "Disable" },
  webhooksEnable: { fi: "Ota käyttöön", en: "Enable" },
  webhooksRotate: { fi: "Vaihda salaisuus", en: "Rotate secret" },
  webhooksRotateConfirm: {
    fi: "Vaihdetaanko webhookin {url} allekirjoitussalaisuus? Vanha salaisuus lakkaa allekirjoittamasta heti, ja järjestelmään on vaihdettava uusi.",
    en: "Rotate the signing secret of the webhook {url}? The old secret stops signing at once and the system must be given the new one.",
  },
  webhooksConfirmRotate: { fi: "Kyllä, vaihda salaisuus", en: "Yes, rotate the secret" },
  webhooksCancel: { fi: "Peruuta", en: "Cancel" },
  webhooksDisabledStatus: {
    fi: "Webhook {url} on poistettu käytöstä. Sille jonossa olevia toimituksia ei lähetetä.",
    en: "The webhook {url} has been disabled. Deliveries queued for it are not sent.",
  },
  webhooksEnabledStatus: { fi: "Webhook {url} on otettu käyttöön.", en: "The webhook {url} has been enabled." },

  // The form
  webhooksAddHeading: { fi: "Lisää webhook", en: "Add webhook endpoint" },
  webhooksSystemChoice: { fi: "Järjestelmä", en: "System" },
  webhooksSystemExisting: { fi: "Rekisteröity järjestelmä", en: "A registered system" },
  webhooksSystemNew: { fi: "Uusi järjestelmä", en: "A new system" },
  webhooksSystemSelect: { fi: "Rekisteröity järjestelmä", en: "Registered system" },
  webhooksSystemChoose: { fi: "Valitse…", en: "Choose…" },
  webhooksNoSystems: {
    fi: "Järjestelmiä ei ole vielä rekisteröity: rekisteröi uusi järjestelmä tällä lomakkeella.",
    en: "No system has been registered yet: register a new system with this form.",
  },
  webhooksSystemName: { fi: "Uuden järjestelmän nimi", en: "New system's name" },
  webhooksSystemNameHint: {
    fi: "Asiakas näkee nimen luovutuslokissa, esimerkiksi ”Uutiskirjetyökalu”. Nimen on oltava yksilöllinen.",
    en: "Customers see the name in the disclosure log, for example “Newsletter tool”. The name must be unique.",
  },
  webhooksParty: {
    fi: "Tietosuojaselosteen tietolähde tai vastaanottaja",
    en: "Source or recipient in the privacy notice",
  },
  webhooksPartyHint: {
    fi: "Mihin selosteessa kerrottuun tietolähteeseen tai vastaanottajaan järjestelmä kuuluu.",
    en: "The source or recipient named in the notice that the system belongs to.",
  },
  webhooksUrl: { fi: "Vastaanottajan osoite (URL)", en: "Receiver's URL" },
  webhooksUrlHint: {
    fi: "Esimerkiksi https://uutiskirje.example/tietoni. Sisäverkon osoitteet (esim. 10.x, 192.168.x, localhost) toimivat vain, jos ne on sallittu WEBHOOK_ALLOW-asetuksessa. Uudelleenohjauksia ei seurata.",
    en: "For example https://newsletter.example/tietoni. Addresses of the inner network (10.x, 192.168.x, localhost…) work only if WEBHOOK_ALLOW allows them. Redirects are not followed.",
  },
  webhooksEvents: { fi: "Tapahtumat, jotka järjestelmä saa", en: "Events the system receives" },
  webhooksEventCategories: { fi: "Tietoryhmät: {categories}", en: "Data categories: {categories}" },
  webhooksCategories: {
    fi: "Tietoryhmät, jotka järjestelmä saa vastaanottaa",
    en: "Data categories the system may receive",
  },
  webhooksCategoriesHint: {
    fi: "Tapahtuma lähetetään vain, jos järjestelmä saa vastaanottaa kaikki sen tietoryhmät.",
    en: "An event is sent only if the system may receive all of its data categories.",
  },
  webhooksDescription: { fi: "Kuvaus (valinnainen)", en: "Description (optional)" },
  webhooksAdd: { fi: "Lisää webhook", en: "Add webhook" },
  webhooksAdding: { fi: "Lisätään…", en: "Adding…" },

  // The secret, shown once
  secretHeading: { fi: "Allekirjoitussalaisuus: {url}", en: "Signing secret: {url}" },
  secretWarning: {
    fi: "Salaisuus näytetään vain nyt. Kopioi se ja tallenna se vastaanottavan järjestelmän asetuksiin turvallisesti. Jos se katoaa, vaihda salaisuus.",
    en: "The secret is shown only now. Copy it and store it safely in the receiving system's settings. If it is lost, rotate the secret.",
  },
  secretExplanation: {
    fi: "Toimitukset noudattavat Standard Webhooks -määrittelyä: otsakkeet webhook-id, webhook-timestamp ja webhook-signature (v1, HMAC-SHA256). Vastaanottaja tarkistaa allekirjoituksen tällä salaisuudella millä tahansa Standard Webhooks -kirjastolla ja ohittaa toistot saman webhook-id:n perusteella.",
    en: "Deliveries follow the Standard Webhooks specification: the headers webhook-id, webhook-timestamp and webhook-signature (v1, HMAC-SHA256). The receiver verifies the signature with this secret using any Standard Webhooks library, and ignores a redelivery by its webhook-id.",
  },
  secretLabel: { fi: "Salaisuus (whsec_…)", en: "Secret (whsec_…)" },
  secretCopy: { fi: "Kopioi", en: "Copy" },
  secretCopied: { fi: "Salaisuus on kopioitu leikepöydälle.", en: "The secret has been copied to the clipboard." },
  secretCopyFailed: {
    fi: "Kopiointi ei onnistunut. Valitse salaisuus kentästä ja kopioi se itse.",
    en: "Copying did not work. Select the secret in the field and copy it yourself.",
  },
  secretDone: { fi: "Olen tallentanut salaisuuden", en: "I have stored the secret" },
} as const satisfies Record<string, Localized>;

/** The webhooks feature's texts with the app's, for its components and pages. */
export const { useI18n } = createI18n({ ...appMessages, ...webhooksMessages });
