import type { Localized } from "../i18n/localized.ts";
import { bookkeepingKeptUntil, CALENDAR_YEAR_END, type FinancialYearEnd } from "../retention/bookkeeping.ts";

/** What the register knows that bears on erasing one customer (the BFF gathers it; this decides). */
export type ErasureFacts = {
  openInvoices: number;
  invoicesInCollection: number;
  legalHold: boolean;
  /** Organisations for which the customer is currently the contact person. */
  activeContactPersonFor: string[];
  /** Newest invoice or order date (YYYY-MM-DD), or null when there is none. */
  latestBookkeepingDate: string | null;
  hasMarketingObjections: boolean;
};

export type ErasureBlocker =
  | { ground: "openInvoice"; count: number }
  | { ground: "debtCollection"; count: number }
  | { ground: "legalHold" }
  | { ground: "activeContactPerson"; organisations: string[] };

export type KeptData = {
  what: "bookkeeping" | "suppression" | "auditTrail";
  /** Last day it is kept, or null for as long as the register exists. */
  until: string | null;
};

export type ErasureAssessment = { blocked: boolean; blockers: ErasureBlocker[]; kept: KeptData[] };

/**
 * Which grounds block erasure now, and what is kept anyway after it. The notice: data is destroyed on
 * request unless law, open invoices or debt collection prevent it, and a person acting as an organisation's
 * contact person cannot be erased during that role.
 */
export function assessErasure(
  facts: ErasureFacts,
  /** The company's financial-year end (FINANCIAL_YEAR_END): the bookkeeping period counts from it. */
  financialYearEnd: FinancialYearEnd = CALENDAR_YEAR_END,
): ErasureAssessment {
  const blockers: ErasureBlocker[] = [];
  if (facts.openInvoices > 0) blockers.push({ ground: "openInvoice", count: facts.openInvoices });
  if (facts.invoicesInCollection > 0) blockers.push({ ground: "debtCollection", count: facts.invoicesInCollection });
  if (facts.legalHold) blockers.push({ ground: "legalHold" });
  if (facts.activeContactPersonFor.length > 0)
    blockers.push({ ground: "activeContactPerson", organisations: [...facts.activeContactPersonFor] });

  const kept: KeptData[] = [];
  if (facts.latestBookkeepingDate !== null) {
    kept.push({ what: "bookkeeping", until: bookkeepingKeptUntil(facts.latestBookkeepingDate, financialYearEnd) });
  }
  if (facts.hasMarketingObjections) kept.push({ what: "suppression", until: null });
  kept.push({ what: "auditTrail", until: null });
  return { blocked: blockers.length > 0, blockers, kept };
}

export const erasureBlockerTexts: Record<ErasureBlocker["ground"], Localized> = {
  openInvoice: {
    fi: "Sinulla on avoimia laskuja ({count}). Tiedot voidaan poistaa, kun laskut on maksettu.",
    en: "You have open invoices ({count}). The data can be erased once they are paid.",
  },
  debtCollection: {
    fi: "Laskuja on perinnässä ({count}). Tietoja ei voi poistaa perinnän aikana.",
    en: "Invoices are in debt collection ({count}). The data cannot be erased while collection is under way.",
  },
  legalHold: {
    fi: "Lainsäädäntö tai vireillä oleva oikeusasia velvoittaa säilyttämään tiedot toistaiseksi.",
    en: "The law or a pending legal matter requires the data to be kept for now.",
  },
  activeContactPerson: {
    fi: "Toimit organisaation yhteyshenkilönä ({organisations}). Tietojasi ei voida poistaa tänä aikana.",
    en: "You act as the contact person of an organisation ({organisations}). Your data cannot be erased during that role.",
  },
};

export const keptDataTexts: Record<KeptData["what"], { what: Localized; rule: Localized }> = {
  bookkeeping: {
    what: {
      fi: "Tilaukset ja laskut kirjanpitoa varten, ilman nimeäsi tai yhteystietojasi",
      en: "Orders and invoices for bookkeeping, without your name or contact details",
    },
    rule: {
      fi: "Kirjanpitolaki (1336/1997) 2 luku 10 §: tositteet säilytetään kuusi vuotta sen vuoden lopusta, jona tilikausi päättyi. Sen jälkeen ne poistetaan.",
      en: "Accounting Act (1336/1997) chapter 2 section 10: vouchers are kept six years from the end of the calendar year in which the financial year ended. They are deleted after that.",
    },
  },
  suppression: {
    what: {
      fi: "Markkinointikielto salattuna tunnisteena (ei luettavaa sähköpostiosoitetta)",
      en: "Your marketing objection as a keyed hash (no readable e-mail address)",
    },
    rule: {
      fi: "Jotta markkinointi ei alkaisi uudelleen, jos tietosi tuodaan myöhemmin uudelleen rekisteriin (GDPR 21 art.).",
      en: "So that marketing does not restart if your data is later imported again (GDPR Art. 21).",
    },
  },
  auditTrail: {
    what: {
      fi: "Lokimerkinnät käsittelytoimista, ilman henkilötietoja",
      en: "Log entries of processing steps, without personal data",
    },
    rule: {
      fi: "Osoitusvelvollisuus (GDPR 5 art. 2 kohta): pyyntösi ja sen käsittely on voitava osoittaa.",
      en: "Accountability (GDPR Art. 5(2)): your request and how it was handled must be demonstrable.",
    },
  },
};
