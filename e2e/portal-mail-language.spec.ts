import { expectNoAxeViolations } from "./axe.ts";
import { E2E_STAFF_PORT } from "./e2e-env.ts";
import { expect, openPage, test } from "./fixtures.ts";
import { readMailMatching, readSignInCode } from "./mailbox.ts";

/*
 * Issue 13: every mail goes in the customer's language. The portal sends its language with the sign-in, so the code
 * mail is written in it (and in it only); staff see and set a customer's mail language on the record. Each test has
 * a customer (and an agent) of its own. In the portal project (the staff step opens the staff app by its address).
 */

const STAFF = `http://localhost:${E2E_STAFF_PORT}`;

const texts = {
  fi: {
    heading: "Kirjaudu omiin tietoihisi",
    email: "Sähköpostiosoite",
    note: "Lähetämme koodin ja kirjautumisen jälkeen muut viestit sillä kielellä, jota käytät tällä sivulla (suomi).",
    send: "Lähetä koodi",
    code: "Koodi (8 numeroa)",
    signIn: "Kirjaudu",
    myData: "Omat tiedot",
    // The code mail in Finnish has the Finnish sentence and none of the English one.
    mailSays: /Kirjautumiskoodisi omatietopalveluun/,
    otherLanguage: /Your sign-in code|valid for/,
    defaultLanguage: "Viestien kieli: suomi (rekisterin oletus)",
    correctRegion: "Korjaa tietoja",
    languageField: "Viestien kieli: uusi arvo",
    english: "englanti",
    reason: "Perustelu",
    correct: "Tallenna korjaus",
    corrected: "Korjaus tallennettiin.",
    nowEnglish: "Viestien kieli: englanti",
  },
  en: {
    heading: "Sign in to see your data",
    email: "E-mail address",
    note: "We send the code, and after you sign in our other mail, in the language you use on this page (English).",
    send: "Send code",
    code: "Code (8 digits)",
    signIn: "Sign in",
    myData: "My data",
    mailSays: /Your sign-in code for .+ self-service is/,
    otherLanguage: /Kirjautumiskoodisi|voimassa/,
    defaultLanguage: "Mail language: Finnish (the register's default)",
    correctRegion: "Correct the data",
    languageField: "Mail language: new value",
    english: "English",
    reason: "Reason",
    correct: "Save the correction",
    corrected: "The correction was saved.",
    nowEnglish: "Mail language: English",
  },
} as const;

for (const locale of ["fi", "en"] as const) {
  const t = texts[locale];

  test(`the sign-in code mail goes in the portal's language, and only in it (${locale})`, async ({
    page,
    customer,
  }) => {
    const me = await customer();
    await openPage(page, "/", locale, t.heading);
    await expect(page.getByText(t.note)).toBeVisible();
    await expectNoAxeViolations(page);

    const requestedAt = Date.now() - 1000;
    await page.getByLabel(t.email).fill(me.email);
    await page.getByRole("button", { name: t.send }).click();
    await expect(page.getByLabel(t.code)).toBeFocused();
    const body = await readMailMatching(me.email, requestedAt, t.mailSays);
    expect(body).not.toMatch(t.otherLanguage);

    const code = await readSignInCode(me.email, requestedAt);
    await page.getByLabel(t.code).fill(code);
    await page.getByRole("button", { name: t.signIn, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.myData })).toBeVisible();
  });

  test(`staff see a customer's mail language on the record and set it (${locale})`, async ({
    page,
    customer,
    signInNewStaffMember,
  }) => {
    test.slow();
    const them = await customer();
    await signInNewStaffMember();
    await openPage(page, `${STAFF}/customers/${them.id}`, locale, `${them.firstName} ${them.lastName}`);
    await expect(page.getByText(t.defaultLanguage)).toBeVisible();
    await expectNoAxeViolations(page);

    const form = page.getByRole("region", { name: t.correctRegion });
    await form.getByLabel(t.languageField).selectOption({ label: t.english });
    await form.getByLabel(t.reason, { exact: true }).fill("Asiakas pyysi puhelimessa englanninkielistä postia.");
    await form.getByRole("button", { name: t.correct }).click();
    await expect(form.getByRole("status")).toHaveText(t.corrected);
    await expect(page.getByText(t.nowEnglish)).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
