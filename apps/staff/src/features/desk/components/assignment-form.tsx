import { ErrorMessage, errorCode, Loading, SelectField } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useAssignRequest } from "../api/assign-request.ts";
import { useStaffMembers } from "../api/get-staff-members.ts";
import { useI18n } from "../messages.ts";

/** Who handles the request; only pending requests can be reassigned. */
export function AssignmentForm({
  requestId,
  assignedTo,
  pending,
}: {
  requestId: string;
  assignedTo: { id: string; displayName: string } | null;
  pending: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const staff = useStaffMembers();
  const assign = useAssignRequest(requestId);
  const [choice, setChoice] = useState(assignedTo?.id ?? "");
  const [saved, setSaved] = useState(false);
  const err = errorCode(assign.error) ?? errorCode(staff.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    assign.mutate(choice === "" ? null : choice, { onSuccess: () => setSaved(true) });
  };

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("deskAssignHeading")}</h2>
      <p>{assignedTo?.displayName ?? t("deskUnassigned")}</p>
      {pending && staff.isPending && <Loading />}
      {pending && staff.data && (
        <form onSubmit={submit} className="form form-inline">
          <SelectField
            id={`${id}-staff`}
            label={t("deskAssignLabel")}
            value={choice}
            onValue={setChoice}
            placeholder={t("deskAssignNobody")}
            options={staff.data.staff.map((s) => ({ value: s.id, label: s.displayName }))}
          />
          <button type="submit" disabled={assign.isPending}>
            {assign.isPending ? t("deskWorking") : t("deskAssignSave")}
          </button>
        </form>
      )}
      {err && <ErrorMessage code={err} />}
      <p role="status">{saved ? t("deskAssigned") : ""}</p>
    </section>
  );
}
