import type { Localized } from "../i18n/localized.ts";
import { type DataCategoryId, dataCategoryIds } from "../register/ids.ts";
import { bookkeepingKeptUntil, CALENDAR_YEAR_END, type FinancialYearEnd } from "../retention/bookkeeping.ts";
import type { ErasureFacts } from "./erasure-assessment.ts";

/*
 * Erasure "to the extent required" (GDPR Art. 17(3), issue 14 A). A ground that holds keeps only what it needs; what
 * no ground covers is erased at once. The table below is the one place that says what each ground keeps: the BFF
 * erases by it, the customer and staff are shown it, the remainder is erased when it no longer keeps anything.
 */

export const erasureGrounds = [
  "openInvoice",
  "debtCollection",
  "activeContactPerson",
  "legalHold",
  "bookkeeping",
] as const;
export type ErasureGround = (typeof erasureGrounds)[number];

/**
 * What each ground keeps of the person. A legal hold keeps what the hold names (its `keeps`), so it is not here;
 * bookkeeping keeps the order and invoice rows WITHOUT the person (no personal category stays linked).
 */
export const groundKeeps: Record<Exclude<ErasureGround, "legalHold">, readonly DataCategoryId[]> = {
  // Collecting a debt needs whom to bill, where, and for what.
  openInvoice: ["name", "billing", "orders"],
  debtCollection: ["name", "billing", "orders"],
  // The organisation reaches its contact person at work.
  activeContactPerson: ["name", "organisation", "email", "phone"],
  bookkeeping: ["orders"],
};

export type KeptByGround = {
  ground: ErasureGround;
  categories: DataCategoryId[];
  /** The last day the ground holds: a hold's or role's end, the bookkeeping day; null until something happens. */
  until: string | null;
  /** Facts for the texts: how many invoices, which organisations, which hold. No personal data. */
  detail: { count?: number; organisations?: string[]; holdId?: string };
};

export type ErasureScope = {
  kept: KeptByGround[];
  /** Categories erased now (none of them is kept by a ground). */
  erased: DataCategoryId[];
  /** No ground keeps anything of the person: the erasure is whole (bookkeeping keeps rows only without them). */
  complete: boolean;
};

/** The latest end among roles, null when any role is open-ended (it holds until someone ends it). */
const latestEnd = (ends: readonly (string | null)[]): string | null =>
  ends.some((e) => e === null)
    ? null
    : ([...ends]
        .filter((e): e is string => e !== null)
        .sort()
        .at(-1) ?? null);

/**
 * What an erasure on these facts keeps, per ground and until when, and what it erases. `financialYearEnd` is the
 * company's setting (FINANCIAL_YEAR_END) for the bookkeeping day.
 */
export function erasureScope(
  facts: ErasureFacts,
  financialYearEnd: FinancialYearEnd = CALENDAR_YEAR_END,
): ErasureScope {
  const kept: KeptByGround[] = [];
  if (facts.openInvoices > 0)
    kept.push({
      ground: "openInvoice",
      categories: [...groundKeeps.openInvoice],
      until: null,
      detail: { count: facts.openInvoices },
    });
  if (facts.invoicesInCollection > 0)
    kept.push({
      ground: "debtCollection",
      categories: [...groundKeeps.debtCollection],
      until: null,
      detail: { count: facts.invoicesInCollection },
    });
  if (facts.activeContactRoles.length > 0)
    kept.push({
      ground: "activeContactPerson",
      categories: [...groundKeeps.activeContactPerson],
      until: latestEnd(facts.activeContactRoles.map((r) => r.endDate)),
      detail: { organisations: facts.activeContactRoles.map((r) => r.organisation) },
    });
  for (const hold of facts.legalHolds) {
    const categories =
      hold.keeps === null ? [...dataCategoryIds] : dataCategoryIds.filter((c) => hold.keeps?.includes(c));
    kept.push({ ground: "legalHold", categories, until: hold.endsOn, detail: { holdId: hold.id } });
  }
  if (facts.latestBookkeepingDate !== null)
    kept.push({
      ground: "bookkeeping",
      categories: [...groundKeeps.bookkeeping],
      until: bookkeepingKeptUntil(facts.latestBookkeepingDate, financialYearEnd),
      detail: {},
    });
  const keptSomewhere = new Set(kept.flatMap((k) => k.categories));
  return {
    kept,
    erased: dataCategoryIds.filter((c) => !keptSomewhere.has(c)),
    complete: kept.every((k) => k.ground === "bookkeeping"),
  };
}

/**
 * The categories still linked to the person after the erasure: those a ground other than bookkeeping keeps.
 * Bookkeeping's orders stay as rows, cut loose from the person.
 */
export function personallyKept(scope: ErasureScope): DataCategoryId[] {
  const kept = new Set(scope.kept.filter((k) => k.ground !== "bookkeeping").flatMap((k) => k.categories));
  return dataCategoryIds.filter((c) => kept.has(c));
}

/** The grounds' names and why each keeps, for the customer's before and after view and the mail. */
export const erasureGroundTexts: Record<ErasureGround, { name: Localized; rule: Localized }> = {
  openInvoice: {
    name: { fi: "Avoin lasku ({count})", en: "Open invoice ({count})" },
    rule: {
      fi: "Laskun perimiseksi säilytetään nimesi, laskutustietosi sekä tilaukset ja laskut, kunnes lasku on maksettu.",
      en: "To collect the invoice, your name, billing details and the orders and invoices are kept until it is paid.",
    },
  },
  debtCollection: {
    name: { fi: "Perinnässä oleva lasku ({count})", en: "Invoice in debt collection ({count})" },
    rule: {
      fi: "Perinnän ajan säilytetään nimesi, laskutustietosi sekä tilaukset ja laskut.",
      en: "While the debt is collected, your name, billing details and the orders and invoices are kept.",
    },
  },
  activeContactPerson: {
    name: { fi: "Yhteyshenkilön tehtävä ({organisations})", en: "Contact-person role ({organisations})" },
    rule: {
      fi: "Tehtävän ajan säilytetään nimesi, organisaatiosi sekä työsähköpostisi ja puhelinnumerosi.",
      en: "During the role, your name, organisation and work e-mail and phone are kept.",
    },
  },
  legalHold: {
    name: { fi: "Lakisääteinen säilytysvelvollisuus", en: "Legal hold" },
    rule: {
      fi: "Lainsäädäntö tai vireillä oleva oikeusasia velvoittaa säilyttämään nimetyt tiedot.",
      en: "The law or a pending legal matter requires the named data to be kept.",
    },
  },
  bookkeeping: {
    name: { fi: "Kirjanpito", en: "Bookkeeping" },
    rule: {
      fi: "Kirjanpitolaki (1336/1997) 2 luku 10 §: tilaukset ja laskut säilytetään ilman nimeäsi tai yhteystietojasi.",
      en: "Accounting Act (1336/1997) chapter 2 section 10: orders and invoices are kept without your name or contact details.",
    },
  },
};

/** A kept ground's name with its facts filled in ({count}, {organisations}), in both languages. */
export function keptGroundName(kept: KeptByGround): Localized {
  const fill = (text: string) =>
    text
      .replace("{count}", String(kept.detail.count ?? ""))
      .replace("{organisations}", (kept.detail.organisations ?? []).join(", "));
  const name = erasureGroundTexts[kept.ground].name;
  return { fi: fill(name.fi), en: fill(name.en) };
}

/** The fixed decision text of a partial erasure; it carries no personal data past the remainder's erasure. */
export const PARTIAL_ERASURE_DECISION =
  "Tiedot on poistettu siltä osin kuin laki sallii; säilytetyt tiedot perusteineen on kerrottu sinulle. / Your data has been erased to the extent the law allows; what was kept and why has been sent to you.";
