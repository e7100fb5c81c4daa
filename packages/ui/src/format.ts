import type { Locale } from "@tietoni/domain";

const TIME_ZONE = "Europe/Helsinki";
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function localeTag(locale: Locale): string {
  return locale === "fi" ? "fi-FI" : "en-GB";
}

/** "28.4.2021" / "28 Apr 2021". A date without time is a calendar day, so it is not shifted by time zone. */
export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const timeZone = DATE_ONLY.test(iso) ? "UTC" : TIME_ZONE;
  return new Intl.DateTimeFormat(localeTag(locale), { dateStyle: "medium", timeZone }).format(date);
}

/** "28.4.2021 klo 14.05" / "28 Apr 2021, 14:05", in Finnish time. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeTag(locale), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(date);
}

/** Formats an amount stored in cents (minor units). */
export function formatMoney(cents: number, currency: string, locale: Locale): string {
  try {
    return new Intl.NumberFormat(localeTag(locale), { style: "currency", currency }).format(cents / 100);
  } catch {
    // An unknown currency code must not break the whole record view.
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}
