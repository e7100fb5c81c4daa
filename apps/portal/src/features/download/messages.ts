import type { Localized } from "@tietoni/domain";

/** Texts of the download feature (fi/en). */
export const downloadMessages = {} as const satisfies Record<string, Localized>;
