import { ShownOnceSecret } from "@tietoni/ui";
import { useI18n } from "../messages.ts";

/** An endpoint's signing secret, shown once (after create or rotate), with what a receiver does with it. */
export function SecretPanel({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <ShownOnceSecret
      className="systems-token"
      name="secret"
      rows={2}
      value={secret}
      onDone={onDone}
      texts={{
        heading: t("secretHeading", { url }),
        warning: t("secretWarning"),
        explanation: t("secretExplanation"),
        label: t("secretLabel"),
        copy: t("secretCopy"),
        copied: t("secretCopied"),
        copyFailed: t("secretCopyFailed"),
        done: t("secretDone"),
      }}
    />
  );
}
