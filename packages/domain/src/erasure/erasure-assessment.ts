import type { Localized } from "../i18n/localized.ts";
import type { DataCategoryId } from "../register/ids.ts";
import { bookkeepingKeptUntil } from "../retention/bookkeeping.ts";

/** What the register knows that bears on erasing one customer (the BFF gathers it; this decides). */
export type ErasureFacts = {
  openInvoices: number;
  invoicesInCollection: number;
  /** The legal holds that apply today: what each keeps (null: every category) and its last day (null: until cleared). */
  legalHolds: { id: string; keeps: DataCategoryId[] | null; endsOn: string | null }[];
  /** The contact-person roles the customer holds today, with their last day (null: open-ended). */
  activeContactRoles: { organisation: string; endDate: string | null }[];
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
 * Which grounds hold now and what is kept anyway after an erasure. `blocked` means some ground keeps data, so an
 * erasure now is partial (issue 14 A; erasure-scope.ts says what each ground keeps). The notice: data is destroyed
 * on request unless law, open invoices or debt collection prevent it, and a person acting as an organisation's
 * contact person keeps what that role needs during it.
 */
export function assessErasure(facts: ErasureFacts): ErasureAssessment {
  const blockers: ErasureBlocker[] = [];
  if (facts.openInvoices > 0) blockers.push({ ground: "openInvoice", count: facts.openInvoices });
  if (facts.invoicesInCollection > 0) blockers.push({ ground: "debtCollection", count: facts.invoicesInCollection });
  if (facts.legalHolds.length > 0) blockers.push({ ground: "legalHold" });
  if (facts.activeContactRoles.length > 0)
    blockers.push({
      ground: "activeContactPerson",
      organisations: facts.activeContactRoles.map((r) => r.organisation),
    });

  const kept: KeptData[] = [];
  if (facts.latestBookkeepingDate !== null) {
    // Issue 14 B makes the financial year a setting; until then a calendar year, as before.
    kept.push({ what: "bookkeeping", until: bookkeepingKeptUntil(facts.latestBookkeepingDate) });
  }
  if (facts.hasMarketingObjections) kept.push({ what: "suppression", until: null });
  kept.push({ what: "auditTrail", until: null });
  return { blocked: blockers.length > 0, blockers, kept };
}

/** Issue 14 A: a ground no longer blocks erasure; it keeps what it needs (erasure-scope.ts) and the rest can go. */
export const erasureBlockerTexts: Record<ErasureBlocker["ground"], Localized> = {
  openInvoice: {
    fi: "Sinulla on avoimia laskuja ({count}). Laskujen vaatimat tiedot säilytetään, kunnes ne on maksettu; muut voidaan poistaa heti.",
    en: "You have open invoices ({count}). What the invoices need is kept until they are paid; the rest can be erased now.",
  },
  debtCollection: {
    fi: "Laskuja on perinnässä ({count}). Perinnän vaatimat tiedot säilytetään perinnän ajan; muut voidaan poistaa heti.",
    en: "Invoices are in debt collection ({count}). What the collection needs is kept while it is under way; the rest can be erased now.",
  },
  legalHold: {
    fi: "Lainsäädäntö tai vireillä oleva oikeusasia velvoittaa säilyttämään osan tiedoista toistaiseksi; muut voidaan poistaa heti.",
    en: "The law or a pending legal matter requires some of the data to be kept for now; the rest can be erased now.",
  },
  activeContactPerson: {
    fi: "Toimit organisaation yhteyshenkilönä ({organisations}). Tehtävän vaatimat tiedot säilytetään sen ajan; muut voidaan poistaa heti.",
    en: "You act as the contact person of an organisation ({organisations}). What the role needs is kept during it; the rest can be erased now.",
  },
};

export const keptDataTexts: Record<KeptData["what"], { what: Localized; rule: Localized }> = {
  bookkeeping: {
    what: {
      fi: "Tilaukset ja laskut kirjanpitoa varten, ilman nimeäsi tai yhteystietojasi",
      en: "Orders and invoices for bookkeeping, without your name or contact details",
    },
    rule: {
      fi: "Kirjanpitolaki (1336/1997) 2 luku 10 §: tositteet säilytetään kuusi vuotta tilikauden päättymisvuoden lopusta.",
      en: "Accounting Act (1336/1997) chapter 2 section 10: vouchers are kept six years from the end of the financial year.",
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
