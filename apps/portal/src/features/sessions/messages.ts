import type { Localized } from "@tietoni/domain";

/** Texts of the sessions feature (fi/en). */
export const sessionsMessages = {} as const satisfies Record<string, Localized>;
