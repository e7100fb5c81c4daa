import type { Locale } from "../i18n/localized.ts";

/**
 * The one language a mail to the customer is written in (issue 13): the customer's own (`customers.language`, set at
 * sign-in from the portal's language, by an import or the API, or by staff), else the notice's `defaultLanguage`.
 */
export function mailLanguage(customerLanguage: Locale | null | undefined, noticeDefault: Locale): Locale {
  return customerLanguage ?? noticeDefault;
}
