import type { Localized } from "@tietoni/domain";
import { createI18n, sharedMessages } from "@tietoni/ui";

/** The portal's own texts; shared texts (record view, notice) come from @tietoni/ui. */
const portalMessages = {
  appTitle: { fi: "Omat tietoni", en: "My data" },
  // Issue 15 A: the controller's name comes from the notice the BFF serves ({controller}), not from the build.
  appSubtitle: { fi: "{controller} · {register}", en: "{controller} · {register}" },
  navLabel: { fi: "Päävalikko", en: "Main menu" },
  navMyData: { fi: "Omat tiedot", en: "My data" },
  navDisclosures: { fi: "Tietojen luovutukset", en: "Who received my data" },
  navAbout: { fi: "Tietoa rekisteristä", en: "About this register" },
  navDownload: { fi: "Lataa tiedot", en: "Download" },
  navMarketing: { fi: "Markkinointi", en: "Marketing" },
  navContact: { fi: "Yhteystiedot", en: "Contact details" },
  navRequests: { fi: "Pyynnöt", en: "Requests" },
  navSessions: { fi: "Kirjautumiset", en: "Sign-ins" },
  signOut: { fi: "Kirjaudu ulos", en: "Sign out" },
  signInTitle: { fi: "Kirjaudu omiin tietoihisi", en: "Sign in to see your data" },
  signInIntro: {
    fi: "Näet täällä kaikki tiedot, joita {controller} säilyttää sinusta. Kirjaudu kertakäyttöisellä koodilla, jonka lähetämme asiakasrekisteriin tallennettuun sähköpostiosoitteeseesi.",
    en: "Here you can see all the data {controller} holds on you. Sign in with a one-time code that we send to the e-mail address in our customer register.",
  },
  emailLabel: { fi: "Sähköpostiosoite", en: "E-mail address" },
  sendCode: { fi: "Lähetä koodi", en: "Send code" },
  sending: { fi: "Lähetetään…", en: "Sending…" },
  codeSent: {
    fi: "Jos osoite {email} on rekisterissämme, lähetimme siihen kahdeksannumeroisen koodin ja kirjautumislinkin. Ne ovat voimassa 10 minuuttia.",
    en: "If {email} is in our register, we have sent an eight-digit code and a sign-in link to it. They are valid for 10 minutes.",
  },
  mailLanguageNote: {
    fi: "Lähetämme koodin ja kirjautumisen jälkeen muut viestit sillä kielellä, jota käytät tällä sivulla (suomi).",
    en: "We send the code, and after you sign in our other mail, in the language you use on this page (English).",
  },
  codeLabel: { fi: "Koodi (8 numeroa)", en: "Code (8 digits)" },
  codeHint: { fi: "Esimerkiksi 1234 5678", en: "For example 1234 5678" },
  linkTitle: { fi: "Kirjaudu linkillä", en: "Sign in with the link" },
  linkIntro: {
    fi: "Avasit sähköpostiin saamasi kirjautumislinkin. Kirjaudu painamalla painiketta. Linkki toimii kerran.",
    en: "You opened the sign-in link from your e-mail. Press the button to sign in. The link works once.",
  },
  linkMissing: {
    fi: "Linkistä puuttuu osa. Avaa koko linkki viestistä tai pyydä uusi koodi kirjautumissivulla.",
    en: "Part of the link is missing. Open the whole link from the e-mail, or request a new code on the sign-in page.",
  },
  toSignIn: { fi: "Kirjautumissivulle", en: "Go to the sign-in page" },
  verify: { fi: "Kirjaudu", en: "Sign in" },
  verifying: { fi: "Tarkistetaan…", en: "Checking…" },
  useOtherEmail: { fi: "Käytä toista osoitetta", en: "Use another address" },
  myDataTitle: { fi: "Omat tiedot", en: "My data" },
  myDataIntro: {
    fi: "Tässä ovat kaikki tiedot, jotka asiakasrekisterissä on sinusta, ryhmiteltynä tietosuojaselosteen tietoryhmien mukaan. Jokaisen ryhmän kohdalla kerrotaan, miksi tietoa säilytetään, mistä se on saatu, kenelle se luovutetaan ja kuinka kauan sitä säilytetään.",
    en: "Here is everything the customer register holds on you, grouped by the data categories of the privacy notice. For each category you can see why it is held, where it came from, who receives it and how long it is kept.",
  },
  greeting: { fi: "Hei {name}!", en: "Hello {name}!" },
  staffViewsTitle: { fi: "Henkilökunnan käynnit tiedoissasi", en: "Staff who opened your data" },
  staffViewsIntro: {
    fi: "Jokainen kerta, kun henkilökuntamme lukee tietojasi – avaa tietosi, saa nimesi hakutuloksiin tai tulostaa sinut postituslistalle – kirjataan. Tässä näet, milloin, missä roolissa ja miksi.",
    en: "Every time our staff read your data – open your record, find your name in a search or print you on a mailing list – it is logged. Here you see when, in which role and why.",
  },
  staffViewsNone: {
    fi: "Kukaan henkilökunnasta ei ole avannut tietojasi.",
    en: "No staff member has opened your data.",
  },
  staffViewsWhen: { fi: "Milloin", en: "When" },
  staffViewsWho: { fi: "Kuka (rooli)", en: "Who (role)" },
  staffViewsWhat: { fi: "Mitä ja miksi", en: "What and why" },
  aboutTitle: { fi: "Tietoa rekisteristä", en: "About this register" },
  aboutIntro: {
    fi: "Rekisterinpitäjän tietosuojaseloste kokonaisuudessaan.",
    en: "The controller's privacy notice in full.",
  },
  notFoundTitle: { fi: "Sivua ei löytynyt", en: "Page not found" },
  backHome: { fi: "Etusivulle", en: "Go to the front page" },
} as const satisfies Record<string, Localized>;

/**
 * The texts of the app shell and of pages without a feature folder. Each feature folder binds its own texts to
 * these in its messages.ts (features/x/messages.ts exports its `useI18n`), so a feature's texts load with its
 * pages rather than on the first screen (issue 6, P5). Keys are prefixed with the feature's name.
 */
export const appMessages = { ...sharedMessages, ...portalMessages };

export const { I18nProvider, useI18n } = createI18n(appMessages);
