import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the marketing feature (fi/en). */
export const marketingMessages = {
  marketingTitle: { fi: "Markkinointikiellot", en: "Marketing objections" },
  marketingIntro: {
    fi: "Voit milloin tahansa kieltää tietojesi käytön markkinointiin ja tietojesi julkaisemisen luetteloissa (tietosuoja-asetus, art. 21). Kielto tulee voimaan heti, kun valitset sen, ja voit perua sen samasta kohdasta.",
    en: "You can object at any time to the use of your data for marketing and to the publication of your data in lists (GDPR, Art. 21). An objection takes effect as soon as you tick it, and you can withdraw it in the same place.",
  },
  marketingGpcNotice: {
    fi: "Selaimesi lähettää Global Privacy Control (GPC) -signaalin. Käsittelemme sen kieltona käyttää tietojasi markkinointiin ja profilointiin.",
    en: "Your browser sends a Global Privacy Control signal; we treat it as an objection to marketing and profiling.",
  },
  marketingChoicesLegend: { fi: "Mihin tietojani ei saa käyttää", en: "What my data must not be used for" },
  marketingObjectDirectAdvertising: { fi: "Kiellän suoramainonnan", en: "I object to direct advertising" },
  marketingObjectDistanceSelling: { fi: "Kiellän etämyynnin", en: "I object to distance selling" },
  marketingObjectDirectMarketing: { fi: "Kiellän suoramarkkinoinnin", en: "I object to direct marketing" },
  marketingObjectMarketResearch: { fi: "Kiellän markkinatutkimukset", en: "I object to market research" },
  marketingObjectOpinionPolls: { fi: "Kiellän mielipidetutkimukset", en: "I object to opinion polls" },
  marketingObjectListPublication: {
    fi: "Kiellän tietojeni julkaisemisen luetteloissa",
    en: "I object to the publication of my data in lists",
  },
  marketingObjectPersonalisedContent: {
    fi: "Kiellän henkilökohtaisen sisällön",
    en: "I object to personalised content",
  },
  marketingCoveredBy: {
    fi: "Tämä sisältyy jo kieltoosi: {purposes}.",
    en: "This is already covered by your objection to: {purposes}.",
  },
  marketingObjectAll: { fi: "Kiellä kaikki markkinointi", en: "Object to all marketing" },
  marketingSaved: { fi: "Tallennettu", en: "Saved" },
  marketingHistoryHeading: { fi: "Muutoshistoria", en: "History of changes" },
  marketingHistoryCaption: {
    fi: "Markkinointikieltojesi muutokset, uusin ensin",
    en: "Changes to your marketing objections, newest first",
  },
  marketingHistoryWhen: { fi: "Aika", en: "When" },
  marketingHistoryPurpose: { fi: "Käyttötarkoitus", en: "Purpose" },
  marketingHistoryChange: { fi: "Muutos", en: "Change" },
  marketingHistoryChannel: { fi: "Kanava", en: "Channel" },
  marketingHistoryTo: { fi: "muuttui tilaan", en: "changed to" },
  marketingObjected: { fi: "Kielletty", en: "Objected" },
  marketingAllowed: { fi: "Sallittu", en: "Allowed" },
  marketingNoHistory: { fi: "Kieltojasi ei ole vielä muutettu.", en: "Your objections have not been changed yet." },
} as const satisfies Record<string, Localized>;

/** The marketing feature's texts with the app's, for its components and pages. */
export const { useI18n } = createI18n({ ...appMessages, ...marketingMessages });
