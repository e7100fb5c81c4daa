import { correctableFieldNames, type RequestView } from "@tietoni/domain";
import { TableRegion } from "@tietoni/ui";
import { useI18n } from "../messages.ts";

/** The field-level diff of a correction request: what the register held, what the customer asks for, and why. */
export function CorrectionDiff({ correction }: { correction: NonNullable<RequestView["correction"]> }) {
  const { t, pick } = useI18n();
  return (
    <TableRegion label={t("deskDiffCaption")}>
      <table className="desk-diff">
        <caption>{t("deskDiffCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("deskDiffField")}</th>
            <th scope="col">{t("deskDiffCurrent")}</th>
            <th scope="col">{t("deskDiffRequested")}</th>
            <th scope="col">{t("deskDiffReason")}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{pick(correctableFieldNames[correction.field])}</th>
            <td>
              <del className="desk-diff-old">{correction.currentValue ?? t("deskDiffEmpty")}</del>
            </td>
            <td>
              <ins className="desk-diff-new">{correction.newValue}</ins>
            </td>
            <td className="desk-text">{correction.reason}</td>
          </tr>
        </tbody>
      </table>
    </TableRegion>
  );
}
