import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../messages.ts";

/**
 * A client's token, shown once: the register keeps only its hash. Read-only and selectable, with a copy button;
 * the panel takes focus when it opens so a keyboard or screen-reader user meets the warning first.
 */
export function TokenPanel({ clientName, token, onDone }: { clientName: string; token: string; onDone: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<"" | "copied" | "failed">("");
  useEffect(() => heading.current?.focus(), []);

  const copyToken = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="systems-token">
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t("tokenHeading", { name: clientName })}
      </h2>
      <p className="desk-warning" id={`${id}-warning`}>
        {t("tokenWarning")}
      </p>
      <div className="field">
        <label htmlFor={`${id}-token`}>{t("tokenLabel")}</label>
        {/* A text area, so the whole token (some 80 characters) is in sight, wrapped, rather than scrolled. */}
        <textarea
          id={`${id}-token`}
          name="token"
          readOnly
          rows={3}
          value={token}
          aria-describedby={`${id}-warning`}
          autoComplete="off"
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <div className="actions">
        <button type="button" className="secondary" onClick={copyToken}>
          {t("tokenCopy")}
        </button>
        <button type="button" onClick={onDone}>
          {t("tokenDone")}
        </button>
      </div>
      <p role="status" className={copy === "copied" ? "success-message" : copy ? "error-message" : "visually-hidden"}>
        {copy === "copied" ? t("tokenCopied") : copy === "failed" ? t("tokenCopyFailed") : ""}
      </p>
    </section>
  );
}
