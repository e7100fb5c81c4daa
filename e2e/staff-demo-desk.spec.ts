import { DEMO_DESK_REQUESTS } from "../apps/bff/src/db/seed-demo.ts";
import { requestTypeNames } from "../packages/domain/src/requests/request-model.ts";
import { expectNoAxeViolations } from "./axe.ts";
import { expect, openPage, test } from "./fixtures.ts";

/*
 * Issue 15 G: the demo's desk is not empty on first sign-in. The e2e server starts the demo on a fresh register, so
 * the seeded requests (apps/bff/src/db/seed-demo.ts, the README's table) are there: one of every type, the erasure
 * overdue. The test only looks (other tests share the register).
 */
for (const locale of ["fi", "en"] as const) {
  const t = {
    fi: { heading: "Pyynnöt", search: "Asiakkaan nimi tai sähköposti", show: "Näytä", overdue: /Myöhässä \d+ pv/ },
    en: { heading: "Requests", search: "Customer's name or e-mail", show: "Show", overdue: /Overdue by \d+ days?/ },
  }[locale];

  test(`the demo desk holds a request of every type on its named customers, the erasure overdue (${locale})`, async ({
    page,
    signInNewStaffMember,
  }) => {
    await signInNewStaffMember();
    await openPage(page, "/requests", locale, t.heading);
    for (const r of DEMO_DESK_REQUESTS) {
      const name = `${r.firstName} ${r.lastName}`;
      await page.getByLabel(t.search).fill(r.email);
      await page.getByRole("button", { name: t.show, exact: true }).click();
      await expect(page.getByRole("link", { name: `${requestTypeNames[r.type][locale]}: ${name}` })).toBeVisible();
      const row = page.getByRole("row", { name: new RegExp(name) });
      if (r.type === "erasure") await expect(row).toContainText(t.overdue);
      else await expect(row).not.toContainText(t.overdue);
    }
    await expectNoAxeViolations(page);
  });
}
