import type { Locale } from "@tietoni/domain";
import { useSharedI18n } from "../i18n/shared-messages.ts";

/** Each language is named in itself, so a user who cannot read the current one still finds theirs. */
const languageNames: Record<Locale, string> = { fi: "Suomi", en: "English" };

export function LanguageSwitch() {
  const { locale, setLocale, t } = useSharedI18n();
  const options: Locale[] = ["fi", "en"];
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t("languageSwitchLabel")}</legend>
      {options.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={locale === option}
          onClick={() => setLocale(option)}
        >
          {languageNames[option]}
        </button>
      ))}
    </fieldset>
  );
}
