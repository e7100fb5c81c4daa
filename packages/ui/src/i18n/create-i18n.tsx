import { type Locale, type Localized, locales } from "@tietoni/domain";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";

/** Where the chosen language survives reloads; both apps share it so a customer's choice follows them. */
export const LOCALE_STORAGE_KEY = "tietoni.locale";

export type MessageVars = Record<string, string | number>;

export type LocaleContextValue = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  pick: (text: Localized) => string;
};

const LocaleContext = createContext<LocaleContextValue | null>(null);

function isLocale(value: unknown): value is Locale {
  return locales.some((locale) => locale === value);
}

/** The stored choice, else English for English browsers, else Finnish (the controller's language). */
export function detectLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be blocked (privacy mode); fall through to the browser language.
  }
  const language = globalThis.navigator?.language ?? "";
  return language.toLowerCase().startsWith("en") ? "en" : "fi";
}

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function interpolate(template: string, vars?: MessageVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = vars[name];
    return value === undefined ? match : String(value);
  });
}

/** Holds the UI language for every component below it, persists it and keeps `<html lang>` in step. */
export function LocaleProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [locale, setLocale] = useState<Locale>(() => initialLocale ?? detectLocale());

  useEffect(() => {
    if (typeof document !== "undefined") document.documentElement.lang = locale;
    try {
      globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // Not persisting is acceptable; the choice still holds for this page.
    }
  }, [locale]);

  const pick = useCallback((text: Localized) => text[locale], [locale]);
  const value = useMemo<LocaleContextValue>(() => ({ locale, setLocale, pick }), [locale, pick]);
  return <LocaleContext value={value}>{children}</LocaleContext>;
}

/** Locale and `pick` for shared components that do not know the app's message keys. */
export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error("useLocale must be used inside an I18nProvider or LocaleProvider");
  return value;
}

export type I18n<M extends Record<string, Localized>> = LocaleContextValue & {
  t: (key: keyof M, vars?: MessageVars) => string;
};

/** The `t` of one catalogue in one language; an unknown key shows itself rather than crashing the page. */
export function translator<M extends Record<string, Localized>>(messages: M, locale: Locale) {
  return (key: keyof M, vars?: MessageVars): string => {
    // Only undefined through an untyped key.
    const text: Localized | undefined = messages[key];
    return text ? interpolate(text[locale], vars) : String(key);
  };
}

/**
 * Binds a message catalogue to the shared locale state.
 * @example
 * const { I18nProvider, useI18n } = createI18n({ hello: { fi: "Hei {name}", en: "Hello {name}" } });
 * const { t } = useI18n(); t("hello", { name: "Heli" });
 */
export function createI18n<M extends Record<string, Localized>>(messages: M) {
  function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
    return <LocaleProvider initialLocale={initialLocale}>{children}</LocaleProvider>;
  }

  function useI18n(): I18n<M> {
    const { locale, setLocale, pick } = useLocale();
    const t = useMemo(() => translator(messages, locale), [locale]);
    return { locale, setLocale, pick, t };
  }

  return { I18nProvider, useI18n };
}
