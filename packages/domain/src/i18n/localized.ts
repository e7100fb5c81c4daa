/** The two languages every user-visible text exists in (the notice allows requests in both). */
export const locales = ["fi", "en"] as const;
export type Locale = (typeof locales)[number];

/** A text in both languages. Every user-visible string of the register carries both. */
export type Localized = { readonly fi: string; readonly en: string };

/** Picks the text for a locale. */
export function pick(text: Localized, locale: Locale): string {
  return text[locale];
}
