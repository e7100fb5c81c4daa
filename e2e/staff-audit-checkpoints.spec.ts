import { expectNoAxeViolations } from "./axe.ts";
import { auditCheckpointLines, expect, openPage, test } from "./fixtures.ts";

/*
 * Issue 14 E, in both languages: an administrator verifies the keyed audit trail on the audit page with the
 * checkpoint lines the data-protection officer keeps. A damaged line is refused beside the box; the true copies
 * verify and the page shows the checkpoints checked, the last one and the key ids; a copy whose head was changed
 * is reported as not signed by the key.
 */

const texts = {
  fi: {
    title: "Lokitiedot",
    copies: "Tietosuojavastaavan tarkistuspisteet (valinnainen)",
    verify: "Tarkista ketju",
    damaged: "Jokin tarkistuspisterivi on vaurioitunut",
    intact: /Ketju on eheä: \d+ merkintää tarkistettu\./,
    lastCheckpoint: "Viimeisin tarkistuspiste",
    compared: "1 verrattu",
    keys: "Ketjun avaimet (HMAC)",
    failed: "kaikki tarkistuspisteet eivät täsmää",
    forged: "allekirjoitus ei täsmää",
  },
  en: {
    title: "Audit trail",
    copies: "The DPO's checkpoints (optional)",
    verify: "Verify the chain",
    damaged: "A checkpoint line is damaged",
    intact: /The chain is intact: \d+ entries checked\./,
    lastCheckpoint: "Last checkpoint",
    compared: "1 compared",
    keys: "Chain keys (HMAC)",
    failed: "not every checkpoint matches",
    forged: "the signature does not match",
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`an administrator checks the trail against the DPO's checkpoint copies (${locale})`, async ({
    page,
    db,
    signInNewStaffMember,
  }) => {
    // Three axe checks of a page that also lists the trail.
    test.slow();
    await signInNewStaffMember({ role: "admin" });
    // Opening the page appends an entry, so the trail has a checkpoint to copy (the first keyed entry has one).
    await openPage(page, "/admin/audit", locale, t.title);
    const [line] = await auditCheckpointLines(db, 1);
    if (!line) throw new Error("the trail has no checkpoint");
    const box = page.getByLabel(t.copies);

    // A line cut short is refused beside the box, in the page's language.
    await box.fill(line.slice(0, -12));
    await page.getByRole("button", { name: t.verify }).click();
    await expect(page.getByText(t.damaged)).toBeVisible();
    await expectNoAxeViolations(page);

    // The true copy: the chain and every checkpoint hold.
    await box.fill(`Subject: checkpoint\n\n${line}\n`);
    await page.getByRole("button", { name: t.verify }).click();
    await expect(page.getByText(t.intact)).toBeVisible();
    await expect(page.getByText(t.lastCheckpoint)).toBeVisible();
    await expect(page.getByText(t.compared)).toBeVisible();
    await expect(page.getByText(t.keys)).toBeVisible();
    await expectNoAxeViolations(page);

    // A copy whose head was changed is not what the key signed.
    const forged = line.replace(/head=([0-9a-f])/, (_, c: string) => `head=${c === "0" ? "1" : "0"}`);
    await box.fill(forged);
    await page.getByRole("button", { name: t.verify }).click();
    await expect(page.getByText(t.failed)).toBeVisible();
    await expect(page.getByText(t.forged)).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
