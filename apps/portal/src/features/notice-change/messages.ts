import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the "our notice changed" banner (issue 15 B, fi/en); keys start with "noticeChange". */
export const noticeChangeMessages = {
  noticeChangeText: {
    fi: "Tietosuojaselosteemme muuttui {date}.",
    en: "Our privacy notice changed on {date}.",
  },
  noticeChangeRead: { fi: "Lue tietosuojaseloste", en: "Read the privacy notice" },
  noticeChangeDismiss: { fi: "Selvä, älä näytä uudelleen", en: "OK, do not show again" },
  noticeChangeLabel: { fi: "Tietosuojaselosteen muutos", en: "Privacy notice change" },
} as const satisfies Record<string, Localized>;

export const { useI18n } = createI18n({ ...appMessages, ...noticeChangeMessages });
