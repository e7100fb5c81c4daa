import { correctableFieldNames, type RequestView } from "@tietoni/domain";
import { DataTable } from "@tietoni/ui";
import { useI18n } from "../messages.ts";

/** The field-level diff of a correction request: what the register held, what the customer asks for, and why. */
export function CorrectionDiff({ correction }: { correction: NonNullable<RequestView["correction"]> }) {
  const { t, pick } = useI18n();
  return (
    <DataTable
      caption={t("deskDiffCaption")}
      className="desk-diff"
      columns={[t("deskDiffField"), t("deskDiffCurrent"), t("deskDiffRequested"), t("deskDiffReason")]}
      rows={[correction]}
      rowKey={() => correction.field}
    >
      {() => (
        <>
          <th scope="row">{pick(correctableFieldNames[correction.field])}</th>
          <td>
            <del className="desk-diff-old">{correction.currentValue ?? t("deskDiffEmpty")}</del>
          </td>
          <td>
            <ins className="desk-diff-new">{correction.newValue}</ins>
          </td>
          <td className="desk-text">{correction.reason}</td>
        </>
      )}
    </DataTable>
  );
}
