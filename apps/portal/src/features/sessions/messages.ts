import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the sessions feature (fi/en). */
export const sessionsMessages = {
  sessionsTitle: { fi: "Kirjautumiset ja istunnot", en: "Sessions and sign-ins" },
  sessionsIntro: {
    fi: "Täällä näet, millä laitteilla olet nyt kirjautuneena omiin tietoihisi ja milloin olet kirjautunut. Jos et tunnista jotakin laitetta, kirjaa se ulos.",
    en: "Here you can see which devices are signed in to your data now and when you have signed in. If you do not recognise a device, sign it out.",
  },
  sessionsActiveHeading: { fi: "Voimassa olevat istunnot", en: "Active sessions" },
  sessionsActiveCaption: { fi: "Laitteet, joilla olet nyt kirjautuneena", en: "Devices signed in to your data now" },
  sessionsDevice: { fi: "Laite", en: "Device" },
  sessionsIp: { fi: "IP-osoite", en: "IP address" },
  sessionsStarted: { fi: "Kirjautunut", en: "Signed in" },
  sessionsLastSeen: { fi: "Viimeksi käytetty", en: "Last used" },
  sessionsAction: { fi: "Toiminto", en: "Action" },
  sessionsThisDevice: { fi: "Tämä laite", en: "This device" },
  sessionsThisDeviceNote: {
    fi: "Kirjaudu ulos sivun yläreunan painikkeella.",
    en: "Use the Sign out button at the top of the page.",
  },
  sessionsDeviceName: { fi: "{browser}, {system}", en: "{browser} on {system}" },
  sessionsUnknownDevice: { fi: "Tuntematon selain", en: "Unknown browser" },
  sessionsUnknown: { fi: "Ei tiedossa", en: "Unknown" },
  sessionsUserAgent: { fi: "Selaimen tunniste", en: "Browser identification" },
  sessionsEnd: { fi: "Kirjaa ulos", en: "Sign out" },
  sessionsEndContext: { fi: "{device}, kirjautunut {started}", en: "{device}, signed in {started}" },
  sessionsEnded: { fi: "Istunto on kirjattu ulos.", en: "The session has been signed out." },
  sessionsSignOutOthers: { fi: "Kirjaa ulos kaikki muut istunnot", en: "Sign out all other sessions" },
  sessionsOthersEndedOne: { fi: "Kirjasimme ulos yhden muun istunnon.", en: "We signed out 1 other session." },
  sessionsOthersEndedMany: {
    fi: "Kirjasimme ulos {count} muuta istuntoa.",
    en: "We signed out {count} other sessions.",
  },
  sessionsNoOthers: {
    fi: "Et ole kirjautuneena millään muulla laitteella.",
    en: "You are not signed in on any other device.",
  },
  sessionsHistoryHeading: { fi: "Kirjautumishistoria", en: "Sign-in history" },
  sessionsHistoryCaption: { fi: "Viimeisimmät kirjautumisesi, uusin ensin", en: "Your latest sign-ins, newest first" },
  sessionsHistoryWhen: { fi: "Aika", en: "When" },
  sessionsNoHistory: { fi: "Kirjautumisia ei ole kirjattu.", en: "No sign-ins recorded." },
} as const satisfies Record<string, Localized>;

/** The sessions feature's texts with the app's, for its components and pages. */
export const { useI18n } = createI18n({ ...appMessages, ...sessionsMessages });
