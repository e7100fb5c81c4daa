import type { Locale } from "../i18n/localized.ts";
import { registerDescription } from "./register-description.ts";

/**
 * The one language a mail to the customer is written in (issue 13): the customer's own (`customers.language`, set at
 * sign-in from the portal's language, by an import or the API, or by staff), else the register's default.
 */
export function mailLanguage(customerLanguage: Locale | null | undefined): Locale {
  return customerLanguage ?? registerDescription.defaultLanguage;
}
