import { ShownOnceSecret } from "@tietoni/ui";
import { useI18n } from "../messages.ts";

/** A client's token, shown once: the register keeps only its hash. Three rows: some 80 characters, wrapped. */
export function TokenPanel({ clientName, token, onDone }: { clientName: string; token: string; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <ShownOnceSecret
      className="systems-token"
      name="token"
      rows={3}
      value={token}
      onDone={onDone}
      texts={{
        heading: t("tokenHeading", { name: clientName }),
        warning: t("tokenWarning"),
        label: t("tokenLabel"),
        copy: t("tokenCopy"),
        copied: t("tokenCopied"),
        copyFailed: t("tokenCopyFailed"),
        done: t("tokenDone"),
      }}
    />
  );
}
