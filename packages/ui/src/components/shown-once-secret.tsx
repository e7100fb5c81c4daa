import { useEffect, useId, useRef, useState } from "react";

/** The texts of a shown-once secret, each already in the page's language. */
export type ShownOnceSecretTexts = {
  heading: string;
  warning: string;
  /** What the receiver does with it (optional). */
  explanation?: string;
  label: string;
  copy: string;
  copied: string;
  copyFailed: string;
  done: string;
};

/**
 * A secret the register shows once and never again (an API client's token, a webhook endpoint's signing secret):
 * read-only and selectable in a text area (the whole value in sight, wrapped), with a copy button. The panel takes
 * focus when it opens so a keyboard or screen-reader user meets the warning first.
 */
export function ShownOnceSecret({
  value,
  name,
  rows,
  texts,
  onDone,
  className,
}: {
  value: string;
  /** The text area's name (`token`, `secret`). */
  name: string;
  rows: number;
  texts: ShownOnceSecretTexts;
  onDone: () => void;
  className?: string;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<"" | "copied" | "failed">("");
  useEffect(() => heading.current?.focus(), []);

  const copyValue = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  };
  const describedBy = texts.explanation ? `${id}-warning ${id}-explanation` : `${id}-warning`;

  return (
    <section aria-labelledby={`${id}-heading`} className={className}>
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {texts.heading}
      </h2>
      <p className="desk-warning" id={`${id}-warning`}>
        {texts.warning}
      </p>
      {texts.explanation ? <p id={`${id}-explanation`}>{texts.explanation}</p> : null}
      <div className="field">
        <label htmlFor={`${id}-${name}`}>{texts.label}</label>
        <textarea
          id={`${id}-${name}`}
          name={name}
          readOnly
          rows={rows}
          value={value}
          aria-describedby={describedBy}
          autoComplete="off"
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <div className="actions">
        <button type="button" className="secondary" onClick={copyValue}>
          {texts.copy}
        </button>
        <button type="button" onClick={onDone}>
          {texts.done}
        </button>
      </div>
      <p role="status" className={copy === "copied" ? "success-message" : copy ? "error-message" : "visually-hidden"}>
        {copy === "copied" ? texts.copied : copy === "failed" ? texts.copyFailed : ""}
      </p>
    </section>
  );
}
