import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the delivery log (fi/en): the outbox's mails and webhooks, their states, retry and replay. */
export const deliveriesMessages = {
  deliveriesTitle: { fi: "Toimitukset", en: "Deliveries" },
  deliveriesIntro: {
    fi: "Jokainen rekisterin lähettämä sähköposti ja tapahtumailmoitus (webhook) kulkee lähtevien viestien jonon kautta. Loki näyttää vain tunnisteet ja tilat, ei viestien sisältöä eikä osoitteita. Jokainen katselu ja toimenpide kirjataan lokiin.",
    en: "Every mail and every event (webhook) the register sends goes through the outbox. The log shows ids and states only, never the content or an address. Every look and every action is logged.",
  },
  deliveriesFilterLabel: { fi: "Rajaa toimituksia", en: "Filter deliveries" },
  deliveriesStatusAll: { fi: "Kaikki ({count})", en: "All ({count})" },
  deliveriesStatusTab: { fi: "{label} ({count})", en: "{label} ({count})" },
  deliveriesKind: { fi: "Laji", en: "Kind" },
  deliveriesKindAll: { fi: "Kaikki", en: "All" },
  deliveriesKindMail: { fi: "Sähköposti", en: "Mail" },
  deliveriesKindWebhook: { fi: "Webhook", en: "Webhook" },
  deliveriesCaption: { fi: "Lähtevät viestit, uusin ensin", en: "Outgoing messages, newest first" },
  deliveriesNone: { fi: "Ei toimituksia tällä rajauksella.", en: "No deliveries match." },
  deliveriesColId: { fi: "Tunniste", en: "Id" },
  deliveriesColTopic: { fi: "Aihe", en: "Topic" },
  deliveriesColStatus: { fi: "Tila", en: "Status" },
  deliveriesColAttempts: { fi: "Yritykset", en: "Tries" },
  deliveriesColTimes: { fi: "Ajat", en: "Times" },
  deliveriesColLinks: { fi: "Asiakas ja pyyntö", en: "Customer and request" },
  deliveriesColActions: { fi: "Toiminnot", en: "Actions" },
  deliveriesRequired: { fi: "Lakisääteinen ilmoitus", en: "Required notice" },
  deliveriesTo: { fi: "Vastaanottaja: {name}", en: "To: {name}" },
  deliveriesLastError: { fi: "Viimeisin virhe: {error}", en: "Last error: {error}" },
  deliveriesCreated: { fi: "Luotu {date}", en: "Created {date}" },
  deliveriesLastAttempt: { fi: "Viimeksi yritetty {date}", en: "Last tried {date}" },
  deliveriesNextAttempt: { fi: "Seuraava yritys {date}", en: "Next try {date}" },
  deliveriesDelivered: { fi: "Toimitettu {date}", en: "Delivered {date}" },
  deliveriesDead: { fi: "Hylätty {date}", en: "Gave up {date}" },
  deliveriesCustomer: { fi: "Asiakas {id}", en: "Customer {id}" },
  deliveriesRequest: { fi: "Pyyntö {id}", en: "Request {id}" },
  deliveriesRetry: { fi: "Yritä uudelleen", en: "Retry" },
  deliveriesReplay: { fi: "Lähetä uudelleen", en: "Replay" },
  deliveriesRetryConfirm: {
    fi: "Yritetäänkö viestiä {id} uudelleen nyt? Yritykset lasketaan alusta. Jos sisältöä ei enää säilytetä, se muodostetaan uudelleen asiakkaan nykyisillä tiedoilla.",
    en: "Try the message {id} again now? Its tries are counted from zero. If its content is no longer kept, it is rebuilt from the customer's current data.",
  },
  deliveriesReplayConfirm: {
    fi: "Lähetetäänkö toimitettu viesti {id} uudelleen samalla tunnisteella? Vastaanottaja voi tunnistaa sen kaksoiskappaleeksi. Sisältö muodostetaan uudelleen asiakkaan nykyisillä tiedoilla.",
    en: "Send the delivered message {id} again with the same id? The receiver can tell it is a duplicate. Its content is rebuilt from the customer's current data.",
  },
  deliveriesConfirmRetry: { fi: "Kyllä, yritä uudelleen", en: "Yes, retry" },
  deliveriesConfirmReplay: { fi: "Kyllä, lähetä uudelleen", en: "Yes, replay" },
  deliveriesCancel: { fi: "Peruuta", en: "Cancel" },
  deliveriesWorking: { fi: "Käsitellään…", en: "Working…" },
  deliveriesRequeued: {
    fi: "Viesti {id} on jonossa ja lähtee hetken kuluttua.",
    en: "The message {id} is queued and leaves in a moment.",
  },
  deliveriesPagerLabel: { fi: "Sivut", en: "Pages" },
  deliveriesPagerShowing: { fi: "Näytetään {from}–{to} / {total}", en: "Showing {from}–{to} of {total}" },
  deliveriesPrevious: { fi: "Edellinen sivu", en: "Previous page" },
  deliveriesNext: { fi: "Seuraava sivu", en: "Next page" },
} as const satisfies Record<string, Localized>;

export const { useI18n } = createI18n({ ...appMessages, ...deliveriesMessages });
