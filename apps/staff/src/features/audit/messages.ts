import type { Localized } from "@tietoni/domain";

/** Texts of the audit feature (fi/en); keys start with "audit". */
export const auditMessages = {} as const satisfies Record<string, Localized>;
