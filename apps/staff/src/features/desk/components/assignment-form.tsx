import { ErrorMessage, errorCode, Loading } from "@tietoni/ui";
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
          <div className="field">
            <label htmlFor={`${id}-staff`}>{t("deskAssignLabel")}</label>
            <select id={`${id}-staff`} value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">{t("deskAssignNobody")}</option>
              {staff.data.staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.displayName}
                </option>
              ))}
            </select>
          </div>
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
