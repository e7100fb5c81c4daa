import { staffRoleNames } from "@tietoni/domain";
import { DataTable, EmptyState, ErrorMessage, errorCode, formatDate, Loading } from "@tietoni/ui";
import { useState } from "react";
import { useSession } from "../../../lib/session.ts";
import { useApproveAdmin } from "../api/approve-admin.ts";
import { useStaffAccounts } from "../api/get-staff-accounts.ts";
import { useI18n } from "../messages.ts";
import { CreateAccountForm } from "./create-account-form.tsx";
import { EditAccountPanel } from "./edit-account-panel.tsx";
import { FourEyesSetting } from "./four-eyes-setting.tsx";
import { RolePolicies } from "./role-policies.tsx";

/** The named staff: who may sign in, in which role, since which confidentiality commitment. */
export function StaffAccountsPage() {
  const { t, locale } = useI18n();
  const accounts = useStaffAccounts();
  const session = useSession();
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const approve = useApproveAdmin();
  const err = errorCode(accounts.error) ?? errorCode(approve.error);
  const myId = accounts.data?.staff.find((a) => a.username === session.data?.username)?.id;
  const selected = accounts.data?.staff.find((a) => a.id === editing) ?? null;

  return (
    <>
      <p>{t("accountsIntro")}</p>
      <p role="status" className={status ? "success-message" : "visually-hidden"}>
        {status}
      </p>
      {accounts.isPending && <Loading />}
      {err && <ErrorMessage code={err} />}
      {accounts.data && (
        <DataTable
          caption={t("accountsListCaption")}
          columns={[
            t("accountsColName"),
            t("accountsColUsername"),
            t("accountsColRole"),
            t("accountsColConfidentiality"),
            t("accountsColTotp"),
            t("accountsColStatus"),
            t("accountsColActions"),
          ]}
          rows={accounts.data.staff}
          rowKey={(account) => account.id}
          rowClassName={(account) => (account.disabled ? "accounts-disabled" : undefined)}
          empty={<EmptyState>{t("accountsListCaption")}</EmptyState>}
        >
          {(account) => (
            <>
              <th scope="row">
                {account.displayName} {account.username === session.data?.username && t("accountsYou")}
              </th>
              <td>{account.username}</td>
              <td>{staffRoleNames[account.role][locale]}</td>
              <td>
                {account.confidentialitySignedOn
                  ? formatDate(account.confidentialitySignedOn, locale)
                  : t("accountsNotSigned")}
              </td>
              <td>{t(account.totpEnabled ? "accountsTotpOn" : "accountsTotpOff")}</td>
              <td>
                {account.disabled
                  ? t("accountsStatusDisabled")
                  : account.approvalPending
                    ? t("accountsStatusAwaitingAdmin")
                    : t("accountsStatusActive")}
              </td>
              <td>
                {account.approvalPending &&
                  !account.disabled &&
                  (account.approvalRequestedBy === myId ? (
                    <p className="hint">{t("accountsApproveAdminOwn")}</p>
                  ) : (
                    <button
                      type="button"
                      disabled={approve.isPending}
                      onClick={() =>
                        approve.mutate(account.id, {
                          onSuccess: () => setStatus(t("accountsAdminApproved", { name: account.displayName })),
                        })
                      }
                    >
                      {t("accountsApproveAdmin")}
                      <span className="visually-hidden"> {account.username}</span>
                    </button>
                  ))}
                <button
                  type="button"
                  className="secondary"
                  aria-expanded={editing === account.id}
                  onClick={() => {
                    setStatus("");
                    setEditing(editing === account.id ? null : account.id);
                  }}
                >
                  {t("accountsEdit")}
                  <span className="visually-hidden"> {account.username}</span>
                </button>
              </td>
            </>
          )}
        </DataTable>
      )}
      {selected && (
        <EditAccountPanel
          key={selected.id}
          account={selected}
          isSelf={selected.username === session.data?.username}
          onDone={setStatus}
          onClose={() => setEditing(null)}
        />
      )}
      <CreateAccountForm onCreated={setStatus} />
      <RolePolicies onDone={setStatus} />
      <FourEyesSetting onDone={setStatus} />
    </>
  );
}
