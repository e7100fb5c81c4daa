import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the request statistics (issue 14 G, fi/en); keys start with "statistics". */
export const statisticsMessages = {
  statisticsTitle: { fi: "Pyyntötilastot", en: "Request statistics" },
  statisticsIntro: {
    fi: "Rekisteröityjen pyynnöt vastaanottokuukauden ja pyyntötyypin mukaan: vastaanotetut, valmiit, hylätyt, jatketut ja myöhässä olevat sekä vastausajan mediaani. Vain lukumääriä, ei asiakkaiden tietoja. Tilastojen katselu kirjataan lokiin.",
    en: "Data subjects' requests by month of receipt and type: received, completed, refused, extended and overdue, and the median time to answer. Counts only, no customer data. Viewing the statistics is logged.",
  },
  statisticsPeriodLabel: { fi: "Tilastojakso", en: "Period" },
  statisticsFrom: { fi: "Vastaanotettu alkaen", en: "Received from" },
  statisticsTo: { fi: "Vastaanotettu asti", en: "Received until" },
  statisticsPeriodHint: {
    fi: "Ilman rajausta näytetään kuluvat kaksitoista kuukautta.",
    en: "Without a period, the last twelve months are shown.",
  },
  statisticsApply: { fi: "Näytä", en: "Show" },
  statisticsShowing: { fi: "Jakso {from} – {to}, tilanne {today}.", en: "Period {from} – {to}, as of {today}." },
  statisticsNone: { fi: "Jaksolla ei ole vastaanotettu pyyntöjä.", en: "No requests were received in the period." },
  statisticsCaption: {
    fi: "Pyynnöt vastaanottokuukauden ja tyypin mukaan",
    en: "Requests by month of receipt and type",
  },
  statisticsColMonth: { fi: "Kuukausi", en: "Month" },
  statisticsColType: { fi: "Pyyntötyyppi", en: "Request type" },
  statisticsColReceived: { fi: "Vastaanotettu", en: "Received" },
  statisticsColCompleted: { fi: "Valmis", en: "Completed" },
  statisticsColRefused: { fi: "Hylätty", en: "Refused" },
  statisticsColExtended: { fi: "Jatkettu", en: "Extended" },
  statisticsColOverdue: { fi: "Myöhässä", en: "Overdue" },
  statisticsColMedian: { fi: "Vastausajan mediaani (pv)", en: "Median days to answer" },
  statisticsNoMedian: { fi: "–", en: "–" },
  statisticsDefinitions: {
    fi: "Myöhässä: ei ratkaistu määräpäivään mennessä (yhä avoinna määräpäivän jälkeen tai ratkaistu sen jälkeen). Peruttu pyyntö ei ole myöhässä. Vastausaika lasketaan kalenteripäivinä Suomen aikaa vastaanottopäivästä ratkaisupäivään.",
    en: "Overdue: not decided by the deadline (still open after it, or decided after it). A cancelled request is never overdue. Time to answer counts calendar days, Finnish time, from the day of receipt to the day of the decision.",
  },
} as const satisfies Record<string, Localized>;

export const { useI18n } = createI18n({ ...appMessages, ...statisticsMessages });
