import type { Localized } from "@tietoni/domain";

/** Texts of the requests feature (fi/en). */
export const requestsMessages = {} as const satisfies Record<string, Localized>;
