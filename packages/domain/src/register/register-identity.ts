import type { Localized } from "../i18n/localized.ts";

/*
 * Whose register this is, as every page's footer says it. Part of the notice (register-description.ts builds
 * `registerDescription.controller` and `.registerName` from these), kept apart so the apps' first screen does not
 * carry the whole notice (issue 6, P5); another controller swaps both files.
 */
export const controllerName = "Mastermark Oy";
export const registerName: Localized = { fi: "Asiakasrekisteri", en: "Customer register" };
