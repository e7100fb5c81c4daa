import type { Localized } from "@tietoni/domain";

/** Texts of the accounts feature (fi/en); keys start with "accounts". */
export const accountsMessages = {} as const satisfies Record<string, Localized>;
