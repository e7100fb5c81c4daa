import { z } from "zod";
import type { Localized } from "../i18n/localized.ts";

/*
 * A protected address (issue 12): an update service's non-disclosure flag (turvakielto). The customer sees their
 * own address; staff see that it is protected and must say why they open it. The reason is one of a fixed list,
 * so the audit trail (which outlives an erasure) records why without free text that could name anyone.
 */

export const protectedAddressReasons = [
  "customerContact",
  "deliveryOrInvoice",
  "legalObligation",
  "dataRequest",
] as const;
export type ProtectedAddressReason = (typeof protectedAddressReasons)[number];

export const protectedAddressRevealSchema = z.strictObject({
  reason: z.enum(protectedAddressReasons, "protected_address_reason_required"),
});
export type ProtectedAddressRevealInput = z.infer<typeof protectedAddressRevealSchema>;

export const protectedAddressReasonTexts: Record<ProtectedAddressReason, Localized> = {
  customerContact: {
    fi: "Asiakas pyysi tarkistamaan osoitteensa",
    en: "The customer asked to check their address",
  },
  deliveryOrInvoice: {
    fi: "Toimitus tai lasku asiakkaalle itselleen",
    en: "A delivery or an invoice to the customer themself",
  },
  legalObligation: {
    fi: "Viranomaisen pyyntö tai lakisääteinen velvoite",
    en: "An authority's request or a legal obligation",
  },
  dataRequest: {
    fi: "Asiakkaan tietosuojapyynnön käsittely",
    en: "Handling the customer's data protection request",
  },
};
