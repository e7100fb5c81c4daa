import { roleEndSchema } from "@tietoni/domain";
import { checkInput, DataTable, FormActions, formatDate, InputField, useFormFields } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useEndRole } from "../api/end-role.ts";
import type { RecordFacts } from "../api/get-record-facts.ts";
import { useI18n } from "../messages.ts";
import { OutcomeNote, ReasonField } from "./reason-field.tsx";

type Role = RecordFacts["roles"][number];

/** Organisation roles with their start, end and whether they are active; end an active one. */
export function RolesSection({ customerId, roles }: { customerId: string; roles: Role[] }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [ending, setEnding] = useState<Role | null>(null);
  const [outcome, setOutcome] = useState<"done" | null>(null);
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t("factsRolesHeading")}</h3>
      <DataTable
        caption={t("factsRolesCaption")}
        columns={[
          t("factsColOrganisation"),
          t("factsColRole"),
          t("factsColStart"),
          t("factsColEnd"),
          t("factsColState"),
          t("factsActions"),
        ]}
        rows={roles}
        rowKey={(r) => r.id}
        empty={<p>{t("factsRolesNone")}</p>}
      >
        {(r) => (
          <>
            <th scope="row">{r.organisationName}</th>
            <td>{r.role === "contactPerson" ? t("factsRoleContactPerson") : t("factsRoleRepresentative")}</td>
            <td>{formatDate(r.startDate, locale)}</td>
            <td>{r.endDate ? formatDate(r.endDate, locale) : t("factsOngoing")}</td>
            <td>{r.active ? t("factsRoleActive") : t("factsRoleEnded")}</td>
            <td>
              {r.active && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    setEnding(r);
                    setOutcome(null);
                  }}
                >
                  {t("factsEndRole")}
                </button>
              )}
            </td>
          </>
        )}
      </DataTable>
      {ending && (
        <RoleEndForm
          key={ending.id}
          customerId={customerId}
          role={ending}
          onClose={(result) => {
            setEnding(null);
            setOutcome(result);
          }}
        />
      )}
      <OutcomeNote outcome={outcome} />
    </section>
  );
}

function RoleEndForm({
  customerId,
  role,
  onClose,
}: {
  customerId: string;
  role: Role;
  onClose: (o: "done" | null) => void;
}) {
  const { t } = useI18n();
  const end = useEndRole(customerId);
  const [endDate, setEndDate] = useState(role.endDate ?? "");
  const [reason, setReason] = useState("");
  const { wire, formError, setClientErrors, focusFirst } = useFormFields(["endDate", "reason"], end.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { input, errors } = checkInput(roleEndSchema, { endDate, reason });
    setClientErrors(errors);
    if (!input) return focusFirst(errors);
    end.mutate({ roleId: role.id, ...input }, { onSuccess: () => onClose("done") });
  };
  return (
    <form onSubmit={submit} noValidate className="form">
      <h4>{t("factsEndRoleHeading", { organisation: role.organisationName })}</h4>
      <InputField
        {...wire("endDate")}
        type="date"
        label={t("factsRoleEndDate")}
        hint={t("factsRoleEndDateHint")}
        value={endDate}
        onValue={setEndDate}
      />
      <ReasonField {...wire("reason")} value={reason} onValue={setReason} />
      <FormActions pending={end.isPending} label={t("factsEndRole")} pendingLabel={t("factsSaving")} error={formError}>
        <button type="button" className="secondary" onClick={() => onClose(null)}>
          {t("factsCancel")}
        </button>
      </FormActions>
    </form>
  );
}
