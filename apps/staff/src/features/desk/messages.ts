import type { Localized } from "@tietoni/domain";

/** Texts of the desk feature (fi/en); keys start with "desk". */
export const deskMessages = {} as const satisfies Record<string, Localized>;
