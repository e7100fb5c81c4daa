import { requests } from "../apps/bff/src/db/schema.ts";
import { expectNoAxeViolations } from "./axe.ts";
import { expect, openPage, test } from "./fixtures.ts";

/*
 * The request queue in pages: a customer of the test's own with more requests than a page, found with the
 * queue's search, is paged with the previous and next buttons.
 */

const PAGE = 50;
const REQUESTS = PAGE + 5;

const texts = {
  fi: {
    heading: "Pyynnöt",
    search: "Asiakkaan nimi tai sähköposti",
    show: "Näytä",
    pager: "Pyyntöjen sivut",
    queue: "Pyynnöt eräpäivän mukaan",
    first: `Näytetään 1–${PAGE} / ${REQUESTS}`,
    second: `Näytetään ${PAGE + 1}–${REQUESTS} / ${REQUESTS}`,
    previous: "Edellinen sivu",
    next: "Seuraava sivu",
  },
  en: {
    heading: "Requests",
    search: "Customer's name or e-mail",
    show: "Show",
    pager: "Pages of requests",
    queue: "Requests by due date",
    first: `Showing 1–${PAGE} of ${REQUESTS}`,
    second: `Showing ${PAGE + 1}–${REQUESTS} of ${REQUESTS}`,
    previous: "Previous page",
    next: "Next page",
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`an agent pages through a long request queue (${locale})`, async ({
    page,
    db,
    customer,
    signInNewStaffMember,
  }) => {
    const who = await customer();
    const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(new Date());
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await db.insert(requests).values(
      Array.from({ length: REQUESTS }, (_, i) => ({
        id: `${who.id}-q${String(i).padStart(3, "0")}`,
        customerId: who.id,
        type: "other" as const,
        state: "received" as const,
        channel: "email" as const,
        receivedOn: today,
        dueOn: due,
        text: "Kysymys",
        createdAt: Date.now() + i,
      })),
    );

    await signInNewStaffMember();
    await openPage(page, "/requests", locale, t.heading);
    await page.getByLabel(t.search).fill(who.email);
    await page.getByRole("button", { name: t.show, exact: true }).click();

    const pager = page.getByRole("navigation", { name: t.pager });
    // The queue's own table: the page also lists the recipients still to tell (issue 13) when any are open.
    const queue = page.getByRole("region", { name: t.queue }).first().getByRole("table");
    await expect(pager).toContainText(t.first);
    // The header row and one page of requests.
    await expect(queue.getByRole("row")).toHaveCount(PAGE + 1);
    await expect(pager.getByRole("button", { name: t.previous })).toBeDisabled();
    await expectNoAxeViolations(page);

    await pager.getByRole("button", { name: t.next }).click();
    await expect(pager).toContainText(t.second);
    await expect(queue.getByRole("row")).toHaveCount(REQUESTS - PAGE + 1);
    await expect(pager.getByRole("button", { name: t.next })).toBeDisabled();
    await expect(page).toHaveURL(/page=2/);
    await expectNoAxeViolations(page);

    await pager.getByRole("button", { name: t.previous }).click();
    await expect(pager).toContainText(t.first);
  });
}
