import type { Localized } from "@tietoni/domain";
import { createI18n, sharedMessages } from "@tietoni/ui";

/** The staff app's own texts; shared texts (record view, notice) come from @tietoni/ui. */
const staffMessages = {
  appTitle: { fi: "Asiakasrekisteri – henkilökunta", en: "Customer register – staff" },
  // Issue 15 A: the controller's name comes from the notice the BFF serves ({controller}), not from the build.
  appSubtitle: { fi: "{controller}, vain nimetyille työntekijöille", en: "{controller}, named staff only" },
  navLabel: { fi: "Päävalikko", en: "Main menu" },
  navCustomers: { fi: "Asiakkaat", en: "Customers" },
  navNewCustomer: { fi: "Uusi asiakas", en: "New customer" },
  navRequests: { fi: "Pyynnöt", en: "Requests" },
  navMailingList: { fi: "Postituslista", en: "Mailing list" },
  navApprovals: { fi: "Hyväksynnät", en: "Approvals" },
  navApprovalsCount: { fi: "Hyväksynnät ({count})", en: "Approvals ({count})" },
  navStaff: { fi: "Henkilökunta", en: "Staff accounts" },
  navAudit: { fi: "Lokitiedot", en: "Audit trail" },
  navRetention: { fi: "Säilytysajat", en: "Retention" },
  navSystems: { fi: "Yhdistetyt järjestelmät", en: "Connected systems" },
  navWebhooks: { fi: "Webhookit", en: "Webhooks" },
  navInbound: { fi: "Saapuneet tiedot", en: "Incoming data" },
  navImports: { fi: "Tuonti", en: "Import" },
  navDeliveries: { fi: "Toimitukset", en: "Deliveries" },
  // Issue 14 G: the data-protection officer's pages, and what another page says to them.
  navRequestStatistics: { fi: "Pyyntötilastot", en: "Request statistics" },
  // Issue 15 B.
  navNoticeCheck: { fi: "Selosteen tarkistus", en: "Notice check" },
  noAccessTitle: { fi: "Ei käyttöoikeutta", en: "No access" },
  noAccessIntro: {
    fi: "Roolillasi ei ole pääsyä tälle sivulle. Tietosuojavastaava näkee lokitiedot, pyyntötilastot ja selosteen tarkistuksen, ei asiakastietoja.",
    en: "Your role has no access to this page. The data-protection officer sees the audit trail, the request statistics and the notice check, not customer records.",
  },
  navSecurity: { fi: "Kirjautumisen turvallisuus", en: "Sign-in security" },
  signOut: { fi: "Kirjaudu ulos", en: "Sign out" },
  signedInAs: { fi: "Kirjautuneena: {name} ({role})", en: "Signed in: {name} ({role})" },
  signInTitle: { fi: "Henkilökunnan kirjautuminen", en: "Staff sign-in" },
  signInIntro: {
    fi: "Asiakasrekisteriä saavat käsitellä vain nimetyt työntekijät, jotka ovat allekirjoittaneet salassapitositoumuksen. Jokainen asiakastietojen avaaminen kirjataan.",
    en: "Only named staff who have signed a confidentiality commitment may process the customer register. Every opening of a customer's data is logged.",
  },
  usernameLabel: { fi: "Käyttäjätunnus", en: "User name" },
  passwordLabel: { fi: "Salasana", en: "Password" },
  signIn: { fi: "Kirjaudu", en: "Sign in" },
  signingIn: { fi: "Kirjaudutaan…", en: "Signing in…" },
  customersTitle: { fi: "Asiakkaiden haku", en: "Find a customer" },
  searchLabel: { fi: "Nimi, sähköposti tai organisaatio", en: "Name, e-mail or organisation" },
  searchHint: {
    fi: "Kirjoita vähintään kaksi merkkiä. Haku kirjataan lokiin.",
    en: "Type at least two characters. Searches are logged.",
  },
  search: { fi: "Hae", en: "Search" },
  results: { fi: "Hakutulokset", en: "Results" },
  resultCount: { fi: "{count} osumaa", en: "{count} matches" },
  noResults: { fi: "Ei osumia haulla ”{q}”.", en: "No customers match “{q}”." },
  colName: { fi: "Nimi", en: "Name" },
  colEmail: { fi: "Sähköposti", en: "E-mail" },
  colOrganisations: { fi: "Organisaatiot", en: "Organisations" },
  customerTitle: { fi: "Asiakkaan tiedot", en: "Customer record" },
  readOnlyNotice: {
    fi: "Tietoja muutetaan vain alla olevilla lomakkeilla, perustelun kanssa. Tämä avaus on kirjattu lokiin nimelläsi, ja asiakas näkee sen.",
    en: "The record changes only through the forms below, with a reason. This opening has been logged under your name, and the customer can see it.",
  },
  backToSearch: { fi: "Takaisin hakuun", en: "Back to search" },
  notFoundTitle: { fi: "Sivua ei löytynyt", en: "Page not found" },
  customerNotFound: { fi: "Asiakasta ei löytynyt.", en: "No such customer." },
  // Issue 13: the language of the customer's mail; staff change it with the correction form's language field.
  mailLanguage: { fi: "Viestien kieli: {language}", en: "Mail language: {language}" },
  mailLanguageDefault: { fi: "{language} (rekisterin oletus)", en: "{language} (the register's default)" },
  languageName_fi: { fi: "suomi", en: "Finnish" },
  languageName_en: { fi: "englanti", en: "English" },
  backHome: { fi: "Etusivulle", en: "Go to the front page" },

  // Sign-in, second step (two-factor); here, not in the accounts feature, because sign-in is the first screen.
  accountsSignInCodeIntro: {
    fi: "Anna todennussovelluksesi näyttämä kuusinumeroinen koodi.",
    en: "Enter the six-digit code your authenticator app shows.",
  },
  accountsSignInCodeLabel: { fi: "Todennuskoodi", en: "Authentication code" },
  accountsSignInCodeFailed: {
    fi: "Kirjautuminen ei onnistunut. Tarkista koodi ja yritä uudelleen.",
    en: "Sign-in failed. Check the code and try again.",
  },
  accountsSignInStartOver: { fi: "Aloita alusta", en: "Start over" },
} as const satisfies Record<string, Localized>;

/**
 * The texts of the app shell and of pages without a feature folder. Each feature folder binds its own texts to
 * these in its messages.ts (features/x/messages.ts exports its `useI18n`), so a feature's texts load with its
 * pages rather than on the first screen (issue 6, P5). Keys are prefixed with the feature's name.
 */
export const appMessages = { ...sharedMessages, ...staffMessages };

export const { I18nProvider, useI18n } = createI18n(appMessages);
