import type { Localized } from "@tietoni/domain";

/** Texts of the retention feature (fi/en); keys start with "retention". */
export const retentionMessages = {} as const satisfies Record<string, Localized>;
