import { CustomerRecordView, ErrorMessage, Loading } from "@tietoni/ui";
import { useI18n } from "../../../lib/i18n.ts";
import { useMyData } from "../api/get-my-data.ts";
import { StaffViews } from "./staff-views.tsx";

export function MyData() {
  const { t } = useI18n();
  const myData = useMyData();
  return (
    <>
      <h1>{t("myDataTitle")}</h1>
      {/* The greeting's line is there while the record loads, so the text under it does not jump when it arrives. */}
      <p className="lead">
        {myData.data
          ? t("greeting", { name: `${myData.data.profile.firstName} ${myData.data.profile.lastName}` })
          : "\u00a0"}
      </p>
      <p>{t("myDataIntro")}</p>
      {myData.isPending && <Loading />}
      {myData.isError && <ErrorMessage code="server_error" />}
      {myData.data && <CustomerRecordView record={myData.data} />}
      {myData.data && <StaffViews />}
    </>
  );
}
