import { defaultPortalStorageFacts, portalStorageStatement } from "@tietoni/domain";
import { RegisterNoticeView } from "@tietoni/ui";
import { useId } from "react";
import { useStorage } from "../../features/about/api/get-storage.ts";
import { useNoticeSeenOnVisit } from "../../features/notice-change/components/notice-change-banner.tsx";
import { useI18n } from "../../lib/i18n.ts";
import { useSession } from "../../lib/session.ts";
import { Page } from "../use-page-title.ts";

/**
 * The notice, with the portal's own statement of what it stores (with this installation's session lifetimes) right
 * after the notice's (web site's) cookie text.
 */
export function Component() {
  const { t, pick } = useI18n();
  const headingId = useId();
  // Issue 15 B: opening the notice is seeing it; the "notice changed" banner goes.
  useNoticeSeenOnVisit(Boolean(useSession().data));
  // This installation's settings; until they arrive (or if they cannot be read) the defaults, which the BFF test
  // holds to env.ts.
  const statement = portalStorageStatement(useStorage().data ?? defaultPortalStorageFacts);
  const storage = (
    <section className="portal-storage" aria-labelledby={headingId}>
      <h2 id={headingId}>{pick(statement.heading)}</h2>
      <p>{pick(statement.intro)}</p>
      <ul>
        {statement.items.map((item) => (
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
