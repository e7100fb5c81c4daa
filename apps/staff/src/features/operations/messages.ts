import type { Localized } from "@tietoni/domain";

/** Texts of the operations feature (fi/en); keys start with "operations". */
export const operationsMessages = {} as const satisfies Record<string, Localized>;
