import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the page the undo link in the change notice opens (fi/en). */
export const emailChangeUndoMessages = {
  undoTitle: { fi: "Peru sähköpostiosoitteen vaihto", en: "Undo the e-mail address change" },
  undoIntro: {
    fi: "Sähköpostiosoitteesi asiakasrekisterissä vaihdettiin. Jos et tehnyt muutosta itse, voit palauttaa aiemman osoitteesi seitsemän päivän ajan vaihdosta.",
    en: "Your e-mail address in the customer register was changed. If you did not make the change yourself, you can restore your previous address for seven days after the change.",
  },
  undoWhat: {
    fi: "Palautus ottaa aiemman osoitteesi taas käyttöön ja kirjaa ulos kaikki istunnot, myös sen, jossa osoite vaihdettiin. Kirjaudu sen jälkeen aiemmalla osoitteellasi.",
    en: "Restoring puts your previous address back in use and signs out every session, including the one where the address was changed. Then sign in with your previous address.",
  },
  undoButton: { fi: "Palauta aiempi osoitteeni", en: "Restore my previous address" },
  undoPending: { fi: "Palautetaan…", en: "Restoring…" },
  undoDone: {
    fi: "Aiempi sähköpostiosoitteesi on taas käytössä, ja kaikki istunnot on kirjattu ulos. Kirjaudu aiemmalla osoitteellasi.",
    en: "Your previous e-mail address is in use again, and every session has been signed out. Sign in with your previous address.",
  },
  undoSignIn: { fi: "Kirjaudu sisään", en: "Sign in" },
} as const satisfies Record<string, Localized>;

/** The undo page's texts with the app's. */
export const { useI18n } = createI18n({ ...appMessages, ...emailChangeUndoMessages });
