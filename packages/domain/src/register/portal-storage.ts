import type { Localized } from "../i18n/localized.ts";

/**
 * What the self-service portal itself keeps in the customer's browser. The notice's cookie text (registerDescription
 * .cookies) is about the company's web site and its Google Analytics; this is about the portal. The facts are held to
 * the code by tests: the cookie's name and lifetimes (apps/bff http/portal-storage.test.ts against session-cookie.ts
 * and env.ts's defaults) and the language key (packages/ui's LOCALE_STORAGE_KEY), and e2e checks that no other
 * cookie is set.
 */
export const portalStorage = {
  sessionCookie: {
    /** With HTTPS (production); `__Host-` pins it to the portal's own host. */
    name: "__Host-tietoni-portal",
    /** Without HTTPS (the local demo). */
    plainHttpName: "tietoni-portal",
    /** The session ends this long after sign-in at the latest (SESSION_ABSOLUTE_MINUTES' default). */
    maxHours: 12,
    /** …and after this long unused (SESSION_IDLE_MINUTES' default). */
    idleMinutes: 30,
  },
  /** The language choice, in localStorage: not a cookie; sent only with a sign-in, as the mail language (issue 13). */
  languageStorageKey: "tietoni.locale",
} as const;

/** What the running portal is set to: the statement must say what this installation does, not the defaults. */
export type PortalStorageFacts = {
  /** The session cookie's name as this installation sets it (`__Host-` only over HTTPS). */
  cookieName: string;
  /** SESSION_IDLE_MINUTES */
  idleMinutes: number;
  /** SESSION_ABSOLUTE_MINUTES */
  absoluteMinutes: number;
};

/** The defaults (env.ts), for the statement before the running settings have been read. */
export const defaultPortalStorageFacts: PortalStorageFacts = {
  cookieName: portalStorage.sessionCookie.name,
  idleMinutes: portalStorage.sessionCookie.idleMinutes,
  absoluteMinutes: portalStorage.sessionCookie.maxHours * 60,
};

/** "12 tunnin" / "12 hours", or minutes when the setting is not whole hours. */
const duration = (minutes: number): Localized =>
  minutes % 60 === 0
    ? { fi: `${minutes / 60} tunnin`, en: `${minutes / 60} hour${minutes === 60 ? "" : "s"}` }
    : { fi: `${minutes} minuutin`, en: `${minutes} minute${minutes === 1 ? "" : "s"}` };

type PortalStorageStatement = {
  readonly heading: Localized;
  readonly intro: Localized;
  readonly items: readonly Localized[];
};

/**
 * The portal's own statement of what it stores, shown on its About page after the notice's cookie text, with this
 * installation's cookie name and session lifetimes.
 */
export function portalStorageStatement({
  cookieName,
  idleMinutes,
  absoluteMinutes,
}: PortalStorageFacts): PortalStorageStatement {
  const absolute = duration(absoluteMinutes);
  const idle = duration(idleMinutes);
  return {
    heading: { fi: "Mitä tämä palvelu tallentaa selaimeesi", en: "What this portal stores in your browser" },
    intro: {
      fi:
        "Yllä oleva evästeteksti koskee yrityksen verkkosivustoa. Tämä Omat tiedot -palvelu tallentaa selaimeesi " +
        "vain kaksi asiaa, ja ne ovat välttämättömiä palvelun toiminnalle:",
      en:
        "The cookie text above is about the company's web site. This self-service portal stores only two things in " +
        "your browser, and both are needed for it to work:",
    },
    items: [
      {
        fi:
          `Istuntoevästeen ${cookieName}, kun kirjaudut sisään. Se sisältää vain satunnaisen tunnisteen, josta ` +
          "palvelu tunnistaa kirjautumisesi. Sivun skriptit eivät voi lukea sitä, eikä selain lähetä sitä muilta " +
          "sivustoilta tuleviin pyyntöihin. Eväste poistetaan, kun kirjaudut ulos, ja istunto päättyy viimeistään " +
          `${absolute.fi} kuluttua kirjautumisesta tai ${idle.fi} käyttämättömyyden jälkeen.`,
        en:
          `A session cookie, ${cookieName}, when you sign in. It holds only a random identifier by which the portal ` +
          "recognises your sign-in. Scripts on the page cannot read it, and your browser does not send it with " +
          "requests from other sites. It is deleted when you sign out, and the session ends at the latest " +
          `${absolute.en} after you signed in, or after ${idle.en} without use.`,
      },
      {
        fi:
          "Kielivalintasi (suomi tai englanti) selaimen paikallisessa tallennustilassa (localStorage) nimellä " +
          `${portalStorage.languageStorageKey}. Se ei ole eväste. Kun kirjaudut, kieli lähetetään palvelimelle, ja ` +
          "sinulle lähetettävät viestit kirjoitetaan sillä kielellä.",
        en:
          "Your choice of language (Finnish or English) in your browser's local storage (localStorage) under the " +
          `name ${portalStorage.languageStorageKey}. It is not a cookie. When you sign in, the language is sent to the ` +
          "server, and the register's mail to you is written in it.",
      },
      {
        fi:
          "Palvelu ei käytä analytiikkaa (ei Google Analyticsia) eikä mainos- tai seurantaevästeitä, eikä se lataa " +
          "sisältöä muista palveluista.",
        en:
          "The portal runs no analytics (no Google Analytics), sets no advertising or tracking cookies, and loads " +
          "nothing from other services.",
      },
    ],
  };
}
