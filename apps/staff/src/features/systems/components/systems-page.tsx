import { DataTable, EmptyState, ErrorMessage, errorCode, formatDateTime, Loading } from "@tietoni/ui";
import { useState } from "react";
import { Link } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useSystems } from "../api/get-systems.ts";
import { useI18n } from "../messages.ts";
import { PartyName } from "./party-select.tsx";
import { RegisterSystemForm } from "./register-system-form.tsx";

/** The connected systems: who feeds or receives the register, under which party of the notice, and when last. */
export function SystemsPage() {
  const { t, locale } = useI18n();
  const systems = useSystems();
  const [status, setStatus] = useState("");
  const err = errorCode(systems.error);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale) : t("systemsNever"));

  return (
    <>
      <p>{t("systemsIntro")}</p>
      <p role="status" className={status ? "success-message" : "visually-hidden"}>
        {status}
      </p>
      {systems.isPending && <Loading />}
      {err && <ErrorMessage code={err} />}
      {systems.data && (
        <DataTable
          caption={t("systemsListCaption")}
          columns={[
            t("systemsColName"),
            t("systemsColParty"),
            { label: t("systemsColClients"), number: true },
            t("systemsColLastImport"),
            t("systemsColLastApi"),
          ]}
          rows={systems.data.systems}
          rowKey={(system) => system.id}
          empty={<EmptyState>{t("systemsNone")}</EmptyState>}
        >
          {(system) => (
            <>
              <th scope="row">
                <Link to={paths.system(system.id)}>{system.name}</Link>
              </th>
              <td>
                <PartyName party={system.party} />
              </td>
              <td className="number">
                {system.activeClients} / {system.clients}
              </td>
              <td>{when(system.lastImportAt)}</td>
              <td>{when(system.lastApiUseAt)}</td>
            </>
          )}
        </DataTable>
      )}
      <RegisterSystemForm onRegistered={setStatus} />
    </>
  );
}
