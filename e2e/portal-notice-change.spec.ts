import { noticeVersions } from "../apps/bff/src/db/schema.ts";
import { expectNoAxeViolations } from "./axe.ts";
import { expect, openPage, test } from "./fixtures.ts";

/*
 * Issue 15 B — "our privacy notice changed on <date>". The e2e server serves one notice file, so the change is
 * arranged in the register as a restart with a changed file would leave it: a second version row. Its time is
 * long before the demo's and every test's customers were created, so only this test's customers (created before
 * it) are told; each language's customer sees the banner, and it goes once they open the notice or dismiss it.
 * The rule itself (older version seen, account created before the change) is the BFF test's
 * (apps/bff/src/services/notice-versions.test.ts).
 */

const CHANGED_AT = Date.UTC(2000, 0, 3, 10);
const CUSTOMER_CREATED = Date.UTC(1999, 5, 1);

const texts = {
  fi: {
    about: "Tietoa rekisteristä",
    myData: "Omat tiedot",
    banner: "Tietosuojaselosteemme muuttui 3.1.2000.",
    read: "Lue tietosuojaseloste",
    dismiss: "Selvä, älä näytä uudelleen",
  },
  en: {
    about: "About this register",
    myData: "My data",
    banner: "Our privacy notice changed on 3 Jan 2000.",
    read: "Read the privacy notice",
    dismiss: "OK, do not show again",
  },
} as const;

test("a customer is told the notice changed until they open it or dismiss the banner", async ({
  page,
  db,
  signInNewCustomer,
}) => {
  test.slow();
  const existing = await db.select().from(noticeVersions);
  const first = existing[0];
  if (!first) throw new Error("the server records the notice's first version at start");
  if (existing.length === 1)
    await db
      .insert(noticeVersions)
      .values({ ...first, id: undefined, noticeDate: "1999-12-31", recordedAt: CHANGED_AT });

  // Finnish: the banner's link opens the notice, which is seeing it.
  await signInNewCustomer({ createdAt: CUSTOMER_CREATED });
  await openPage(page, "/", "fi", texts.fi.myData);
  const bannerFi = page.getByRole("region", { name: "Tietosuojaselosteen muutos" });
  await expect(bannerFi).toContainText(texts.fi.banner);
  await expectNoAxeViolations(page);
  await bannerFi.getByRole("link", { name: texts.fi.read }).click();
  await expect(page.getByRole("heading", { level: 1, name: texts.fi.about })).toBeVisible();
  await expect(bannerFi).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: texts.fi.about })).toBeVisible();
  await expect(bannerFi).toHaveCount(0);

  // English: dismissed with the button.
  await page.context().clearCookies();
  await signInNewCustomer({ createdAt: CUSTOMER_CREATED });
  await openPage(page, "/", "en", texts.en.myData);
  const bannerEn = page.getByRole("region", { name: "Privacy notice change" });
  await expect(bannerEn).toContainText(texts.en.banner);
  await expectNoAxeViolations(page);
  await bannerEn.getByRole("button", { name: texts.en.dismiss }).click();
  await expect(bannerEn).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: texts.en.myData })).toBeVisible();
  await expect(bannerEn).toHaveCount(0);
});
