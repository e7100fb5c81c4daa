import type { Localized } from "@tietoni/domain";

/** Texts of the contact feature (fi/en). */
export const contactMessages = {} as const satisfies Record<string, Localized>;
