import { portalStorageStatement } from "@tietoni/domain";
import { RegisterNoticeView } from "@tietoni/ui";
import { useId } from "react";
import { useI18n } from "../../lib/i18n.ts";
import { Page } from "../use-page-title.ts";

/** The notice, with the portal's own statement of what it stores right after the notice's (web site's) cookie text. */
export function Component() {
  const { t, pick } = useI18n();
  const headingId = useId();
  const storage = (
    <section className="portal-storage" aria-labelledby={headingId}>
      <h2 id={headingId}>{pick(portalStorageStatement.heading)}</h2>
      <p>{pick(portalStorageStatement.intro)}</p>
      <ul>
        {portalStorageStatement.items.map((item) => (
          <li key={item.en}>{pick(item)}</li>
        ))}
      </ul>
    </section>
  );
  return (
    <Page title={t("aboutTitle")} intro={t("aboutIntro")}>
      <RegisterNoticeView afterCookies={storage} />
    </Page>
  );
}
