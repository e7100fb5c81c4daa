import { ErrorMessage, Loading } from "@tietoni/ui";
import { Suspense, useEffect } from "react";
import { useI18n } from "../../../lib/i18n.ts";
import { preloadable } from "../../../lib/preloadable.ts";
import { useMyData } from "../api/get-my-data.ts";

/*
 * The record's view (with the privacy notice it explains each category by) is a chunk of its own, fetched when
 * the page first renders and so beside the record's data: the heading and intro, the page's largest text, paint
 * without waiting for it (issue 6, P7), and a signed-out visitor's browser never fetches it.
 */
const Record = preloadable(() => import("./record.tsx").then((module) => module.default));

export function MyData() {
  const { t } = useI18n();
  const myData = useMyData();
  useEffect(() => {
    void Record.preload();
  }, []);
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
      {myData.data && (
        <Suspense fallback={<Loading />}>
          <Record record={myData.data} />
        </Suspense>
      )}
    </>
  );
}
