import { type ErasureBlocker, erasureBlockerTexts, type Localized } from "@tietoni/domain";
import { interpolate } from "@tietoni/ui";

/** A ground that blocks erasure now, as the customer reads it, with the counts and names it is about. */
export function erasureBlockerText(blocker: ErasureBlocker, pick: (text: Localized) => string): string {
  const template = pick(erasureBlockerTexts[blocker.ground]);
  if (blocker.ground === "openInvoice" || blocker.ground === "debtCollection")
    return interpolate(template, { count: blocker.count });
  if (blocker.ground === "activeContactPerson")
    return interpolate(template, { organisations: blocker.organisations.join(", ") });
  return template;
}
