import type { Localized } from "@tietoni/domain";

/** Texts of the marketing feature (fi/en). */
export const marketingMessages = {} as const satisfies Record<string, Localized>;
