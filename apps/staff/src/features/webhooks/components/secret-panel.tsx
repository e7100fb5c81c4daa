import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../messages.ts";

/**
 * An endpoint's signing secret, shown once (after create or rotate): read-only and selectable, with a copy button
 * and what a receiver does with it. The panel takes focus when it opens so a keyboard or screen-reader user meets
 * the warning first.
 */
export function SecretPanel({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<"" | "copied" | "failed">("");
  useEffect(() => heading.current?.focus(), []);

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="systems-token">
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t("secretHeading", { url })}
      </h2>
      <p className="desk-warning" id={`${id}-warning`}>
        {t("secretWarning")}
      </p>
      <p id={`${id}-explanation`}>{t("secretExplanation")}</p>
      <div className="field">
        <label htmlFor={`${id}-secret`}>{t("secretLabel")}</label>
        <textarea
          id={`${id}-secret`}
          name="secret"
          readOnly
          rows={2}
          value={secret}
          aria-describedby={`${id}-warning ${id}-explanation`}
          autoComplete="off"
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <div className="actions">
        <button type="button" className="secondary" onClick={copySecret}>
          {t("secretCopy")}
        </button>
        <button type="button" onClick={onDone}>
          {t("secretDone")}
        </button>
      </div>
      <p role="status" className={copy === "copied" ? "success-message" : copy ? "error-message" : "visually-hidden"}>
        {copy === "copied" ? t("secretCopied") : copy === "failed" ? t("secretCopyFailed") : ""}
      </p>
    </section>
  );
}
