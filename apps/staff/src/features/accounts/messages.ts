import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the accounts feature (fi/en): staff accounts and the security page (the sign-in code step is in lib/i18n.ts). */
export const accountsMessages = {
  // Staff accounts page
  accountsTitle: { fi: "Henkilökunnan käyttäjätunnukset", en: "Staff accounts" },
  accountsIntro: {
    fi: "Rekisteriä saavat käsitellä vain nimetyt työntekijät, jotka ovat allekirjoittaneet salassapitositoumuksen. Jokainen muutos kirjataan lokiin.",
    en: "Only named staff who have signed a confidentiality commitment may process the register. Every change is logged.",
  },
  accountsListCaption: { fi: "Käyttäjätunnukset", en: "Accounts" },
  accountsColName: { fi: "Nimi", en: "Name" },
  accountsColUsername: { fi: "Käyttäjätunnus", en: "User name" },
  accountsColRole: { fi: "Rooli", en: "Role" },
  accountsColConfidentiality: { fi: "Salassapitositoumus", en: "Confidentiality commitment" },
  accountsColTotp: { fi: "Kaksivaiheinen tunnistus", en: "Two-factor sign-in" },
  accountsColStatus: { fi: "Tila", en: "Status" },
  accountsColActions: { fi: "Toiminnot", en: "Actions" },
  accountsStatusActive: { fi: "Käytössä", en: "Active" },
  accountsStatusDisabled: { fi: "Poistettu käytöstä", en: "Disabled" },
  accountsTotpOn: { fi: "Käytössä", en: "On" },
  accountsTotpOff: { fi: "Ei käytössä", en: "Off" },
  accountsNotSigned: { fi: "Ei merkitty – ei voi kirjautua", en: "Not recorded – cannot sign in" },
  accountsYou: { fi: "(sinä)", en: "(you)" },
  accountsEdit: { fi: "Muokkaa", en: "Edit" },
  accountsRoleAgentHint: {
    fi: "Asiakaspalvelu käsittelee pyyntöjä ja näkee asiakastiedot.",
    en: "An agent handles requests and views customers.",
  },
  accountsRoleAdminHint: {
    fi: "Ylläpitäjä hallitsee lisäksi käyttäjätunnuksia, lokitietoja ja säilytysaikoja, ja hänen on käytettävä kaksivaiheista tunnistusta.",
    en: "An administrator also manages staff accounts, the audit trail and retention, and must use two-factor sign-in.",
  },
  // Issue 14 G.
  accountsRoleDpoHint: {
    fi: "Tietosuojavastaava näkee ja vie lokitiedot sekä näkee pyyntötilastot. Hän ei näe asiakastietoja eikä voi muuttaa mitään.",
    en: "The data-protection officer views and exports the audit trail and sees the request statistics. They see no customer records and cannot change anything.",
  },

  // Create form
  accountsCreateHeading: { fi: "Lisää käyttäjätunnus", en: "Add a staff account" },
  accountsUsername: { fi: "Käyttäjätunnus", en: "User name" },
  accountsUsernameHint: {
    fi: "2–64 merkkiä: a–z, 0–9, piste, alaviiva ja viiva.",
    en: "2–64 characters: a–z, 0–9, dot, underscore and dash.",
  },
  accountsDisplayName: { fi: "Nimi", en: "Name" },
  accountsRole: { fi: "Rooli", en: "Role" },
  accountsInitialPassword: { fi: "Ensimmäinen salasana", en: "Initial password" },
  accountsPasswordHint: {
    fi: "Vähintään 12 merkkiä. Yleisiä salasanoja ei hyväksytä. Toimita salasana henkilölle turvallista reittiä; hän vaihtaa sen ensimmäisellä kirjautumisellaan.",
    en: "At least 12 characters. Common passwords are refused. Give it to the person through a safe channel; they change it at their first sign-in.",
  },
  accountsConfidentiality: {
    fi: "Salassapitositoumus allekirjoitettu (päivämäärä)",
    en: "Confidentiality commitment signed on",
  },
  accountsConfidentialityHint: {
    fi: "Tunnuksella ei voi kirjautua ennen kuin päivämäärä on merkitty.",
    en: "The account cannot sign in until this date is recorded.",
  },
  accountsCreate: { fi: "Lisää käyttäjätunnus", en: "Add account" },
  accountsCreating: { fi: "Lisätään…", en: "Adding…" },
  accountsCreated: { fi: "Käyttäjätunnus {username} lisättiin.", en: "Account {username} was added." },

  // Edit panel
  accountsEditHeading: { fi: "Muokkaa: {name}", en: "Edit: {name}" },
  accountsDetailsHeading: { fi: "Tiedot", en: "Details" },
  accountsSave: { fi: "Tallenna muutokset", en: "Save changes" },
  accountsSaving: { fi: "Tallennetaan…", en: "Saving…" },
  accountsSaved: { fi: "Muutokset tallennettiin.", en: "Changes saved." },
  accountsClose: { fi: "Sulje muokkaus", en: "Close editing" },
  accountsSelfNote: {
    fi: "Et voi poistaa omaa tunnustasi käytöstä, alentaa omaa rooliasi etkä poistaa omaa salassapitopäivämäärääsi.",
    en: "You cannot disable your own account, demote yourself or remove your own confidentiality date.",
  },
  accountsSelfRefused: {
    fi: "Tätä ei voi tehdä omalle tunnukselle. Pyydä toista ylläpitäjää.",
    en: "This cannot be done to your own account. Ask another administrator.",
  },
  accountsAccessHeading: { fi: "Käyttöoikeus", en: "Access" },
  accountsDisable: { fi: "Poista käytöstä", en: "Disable account" },
  accountsEnable: { fi: "Ota uudelleen käyttöön", en: "Re-enable account" },
  accountsDisableHint: {
    fi: "Käytöstä poistaminen päättää henkilön kaikki istunnot heti. Tunnuksen voi ottaa myöhemmin uudelleen käyttöön.",
    en: "Disabling ends all of the person's sessions at once. The account can be re-enabled later.",
  },
  accountsDisabledDone: {
    fi: "Käyttäjätunnus {username} poistettiin käytöstä.",
    en: "Account {username} was disabled.",
  },
  accountsEnabledDone: {
    fi: "Käyttäjätunnus {username} otettiin uudelleen käyttöön.",
    en: "Account {username} was re-enabled.",
  },
  accountsResetHeading: { fi: "Salasanan vaihto", en: "Reset password" },
  accountsNewPassword: { fi: "Uusi salasana", en: "New password" },
  accountsResetHint: {
    fi: "Vähintään 12 merkkiä. Henkilön kaikki istunnot päättyvät, ja hän vaihtaa salasanan seuraavalla kirjautumisellaan.",
    en: "At least 12 characters. All of the person's sessions end, and they change the password at their next sign-in.",
  },
  accountsReset: { fi: "Vaihda salasana", en: "Set new password" },
  accountsResetDone: {
    fi: "Salasana vaihdettiin, ja henkilön istunnot päätettiin.",
    en: "The password was changed and the person's sessions ended.",
  },
  accountsTotpHeading: { fi: "Kaksivaiheinen tunnistus", en: "Two-factor sign-in" },
  accountsTotpResetHint: {
    fi: "Jos henkilö on kadottanut puhelimensa, nollaa tunnistus: hän kirjautuu salasanalla ja ottaa tunnistuksen uudelleen käyttöön.",
    en: "If the person has lost their phone, reset it: they sign in with the password and enrol again.",
  },
  accountsTotpReset: { fi: "Nollaa kaksivaiheinen tunnistus", en: "Reset two-factor sign-in" },
  accountsTotpResetDone: { fi: "Kaksivaiheinen tunnistus nollattiin.", en: "Two-factor sign-in was reset." },
  accountsTotpNotEnrolled: {
    fi: "Henkilö ei ole ottanut kaksivaiheista tunnistusta käyttöön.",
    en: "The person has not enrolled in two-factor sign-in.",
  },

  // Security page (the signed-in person's own two-factor sign-in)
  accountsSecurityTitle: { fi: "Kirjautumisen turvallisuus", en: "Sign-in security" },
  accountsEverywhereHeading: { fi: "Kirjaudu ulos kaikilta laitteilta", en: "Sign out everywhere" },
  accountsEverywhereIntro: {
    fi: "Jos jätit istunnon auki toiselle koneelle tai laite on kadonnut, päätä kaikki istuntosi, myös tämä. Kirjaudu sen jälkeen uudelleen.",
    en: "If you left a session open on another computer or lost a device, end all of your sessions, this one included. Then sign in again.",
  },
  accountsEverywhereButton: { fi: "Kirjaudu ulos kaikilta laitteilta", en: "Sign out everywhere" },
  accountsEverywhereWorking: { fi: "Päätetään istuntoja…", en: "Ending sessions…" },
  accountsSecurityIntro: {
    fi: "Kirjautuessa kysytään salasanan lisäksi kuusinumeroinen koodi puhelimesi todennussovelluksesta, esimerkiksi Google Authenticator, Microsoft Authenticator tai FreeOTP.",
    en: "Signing in then asks, besides your password, for a six-digit code from an authenticator app on your phone, such as Google Authenticator, Microsoft Authenticator or FreeOTP.",
  },
  accountsSecurityRequired: {
    fi: "Roolisi ({role}) edellyttää kaksivaiheista tunnistusta. Ota se käyttöön ennen kuin jatkat.",
    en: "Your role ({role}) requires two-factor sign-in. Set it up before you continue.",
  },
  accountsSecurityPassword: { fi: "Salasanasi", en: "Your password" },
  accountsSecurityPasswordHint: {
    fi: "Varmistamme, että tunnistus otetaan käyttöön sinun tunnuksellesi.",
    en: "We check that it is you who sets up two-factor sign-in for this account.",
  },
  accountsSecurityOn: {
    fi: "Kaksivaiheinen tunnistus on käytössä tunnuksellasi.",
    en: "Two-factor sign-in is on for your account.",
  },
  accountsSecurityLost: {
    fi: "Jos kadotat puhelimesi, pyydä ylläpitäjää nollaamaan tunnistus.",
    en: "If you lose your phone, ask an administrator to reset it.",
  },
  accountsSecurityStart: { fi: "Ota kaksivaiheinen tunnistus käyttöön", en: "Set up two-factor sign-in" },
  accountsSecurityStarting: { fi: "Valmistellaan…", en: "Preparing…" },
  accountsSecurityStep1: {
    fi: "1. Lue QR-koodi todennussovelluksella",
    en: "1. Scan the QR code with your authenticator app",
  },
  accountsSecurityQrAlt: {
    fi: "QR-koodi todennussovellukselle. Jos et voi lukea sitä, kirjoita alla oleva avain sovellukseen.",
    en: "QR code for your authenticator app. If you cannot scan it, type the key below into the app.",
  },
  accountsSecurityManualKey: { fi: "Avain käsin syötettäväksi", en: "Key for manual entry" },
  accountsSecurityManualHint: {
    fi: "Aikaperusteinen (TOTP), SHA-1, 6 numeroa, 30 sekuntia. Välilyönnit ovat vain luettavuuden vuoksi.",
    en: "Time-based (TOTP), SHA-1, 6 digits, 30 seconds. The spaces are only for readability.",
  },
  accountsSecurityStep2: {
    fi: "2. Vahvista sovelluksen näyttämällä koodilla",
    en: "2. Confirm with the code the app shows",
  },
  accountsCodeLabel: { fi: "Kuusinumeroinen koodi", en: "Six-digit code" },
  accountsSecurityConfirm: { fi: "Vahvista ja ota käyttöön", en: "Confirm and turn on" },
  accountsSecurityConfirming: { fi: "Vahvistetaan…", en: "Confirming…" },
  accountsSecurityWrongCode: {
    fi: "Koodi ei täsmää. Tarkista, että puhelimesi kello on oikeassa ajassa, ja anna sovelluksen nyt näyttämä koodi.",
    en: "The code does not match. Check that your phone's clock is right and enter the code the app shows now.",
  },
  accountsSecurityDone: {
    fi: "Kaksivaiheinen tunnistus on nyt käytössä. Seuraavalla kirjautumiskerralla sinulta kysytään koodi.",
    en: "Two-factor sign-in is now on. You will be asked for a code the next time you sign in.",
  },

  // Own password (the security page's section, and the page of the forced change)
  accountsPasswordHeading: { fi: "Salasana", en: "Password" },
  accountsPasswordLink: { fi: "Vaihda salasanasi", en: "Change your password" },
  accountsPasswordTitle: { fi: "Vaihda salasana", en: "Change password" },
  accountsPasswordIntro: {
    fi: "Salasanan vaihto päättää istuntosi muilla laitteilla.",
    en: "Changing your password ends your sessions on other devices.",
  },
  accountsPasswordForced: {
    fi: "Ylläpitäjä asetti salasanasi. Valitse oma salasana ennen kuin jatkat.",
    en: "An administrator set your password. Choose a password of your own before you continue.",
  },
  accountsPasswordCurrent: { fi: "Nykyinen salasana", en: "Current password" },
  accountsPasswordCurrentForced: {
    fi: "Ylläpitäjän antama salasana",
    en: "The password the administrator gave you",
  },
  accountsPasswordNew: { fi: "Uusi salasana", en: "New password" },
  accountsPasswordNewHint: {
    fi: "Vähintään 12 merkkiä. Yleisiä salasanoja ei hyväksytä.",
    en: "At least 12 characters. Common passwords are refused.",
  },
  accountsPasswordChange: { fi: "Vaihda salasana", en: "Change password" },
  accountsPasswordChanging: { fi: "Vaihdetaan…", en: "Changing…" },
  accountsPasswordChanged: {
    fi: "Salasana vaihdettiin. Istuntosi muilla laitteilla päätettiin.",
    en: "Your password was changed. Your sessions on other devices were ended.",
  },

  // Second factor per role (staff accounts page)
  policyHeading: { fi: "Kaksivaiheinen tunnistus rooleittain", en: "Two-factor sign-in by role" },
  policyIntro: {
    fi: "Kaikkien roolien on oletuksena käytettävä kaksivaiheista tunnistusta. Sen voi poistaa roolilta vain perustellen; muutos ja perustelu kirjataan lokiin.",
    en: "Every role must use two-factor sign-in by default. It can be switched off for a role only with a reason; the change and the reason are logged.",
  },
  policyStateRequired: { fi: "Vaaditaan.", en: "Required." },
  policyStateOff: { fi: "Ei vaadita.", en: "Not required." },
  policyReasonShown: { fi: "Perustelu: {reason}", en: "Reason: {reason}" },
  policyChangedBy: { fi: "Muuttanut {name} {date}.", en: "Changed by {name} on {date}." },
  policyAlwaysRequired: {
    fi: "Ylläpitäjien kaksivaiheista tunnistusta ei voi poistaa käytöstä.",
    en: "Two-factor sign-in cannot be switched off for administrators.",
  },
  policyChoiceLegend: { fi: "Kaksivaiheinen tunnistus: {role}", en: "Two-factor sign-in: {role}" },
  policyChoiceOn: { fi: "Vaaditaan", en: "Required" },
  policyChoiceOff: { fi: "Ei vaadita", en: "Not required" },
  policyReason: { fi: "Perustelu", en: "Reason" },
  policyReasonHint: {
    fi: "Miksi rooli saa kirjautua pelkällä salasanalla? Vähintään 10 merkkiä; tallennetaan lokiin.",
    en: "Why may this role sign in with a password alone? At least 10 characters; kept in the audit trail.",
  },
  policySave: { fi: "Tallenna", en: "Save" },
  policySaving: { fi: "Tallennetaan…", en: "Saving…" },
  policySavedOn: {
    fi: "Kaksivaiheinen tunnistus vaaditaan nyt roolilta {role}.",
    en: "Two-factor sign-in is now required of the role {role}.",
  },
  policySavedOff: {
    fi: "Kaksivaiheista tunnistusta ei enää vaadita roolilta {role}.",
    en: "Two-factor sign-in is no longer required of the role {role}.",
  },

  // Issue 14 D — four eyes for the irreversible, and the administrator waiting for a second admin.
  fourEyesHeading: { fi: "Kahden henkilön hyväksyntä", en: "Four eyes" },
  fourEyesIntro: {
    fi: "Poistoa ei voi peruuttaa. Jos poiston toteuttaja kirjasi pyynnön itse tai poisti itse asiakkaan poiston esteen, poisto odottaa toisen henkilön hyväksyntää. Yhden hengen henkilökunta voi kytkeä tämän pois perustellen; kun aktiivisia henkilökunnan jäseniä on kaksi tai enemmän, hyväksyntä vaaditaan aina.",
    en: "An erasure cannot be undone. If the person carrying it out registered the request or cleared the customer's erasure blocker themselves, the erasure waits for a second person's approval. A staff of one may switch this off with a reason; while two or more active staff members exist, the approval is always required.",
  },
  fourEyesStateOn: { fi: "Käytössä.", en: "On." },
  fourEyesStateOff: { fi: "Pois käytöstä.", en: "Off." },
  fourEyesOffLapsed: {
    fi: "Se kytkettiin pois, mutta aktiivisia henkilökunnan jäseniä on nyt kaksi tai enemmän, joten se on taas voimassa.",
    en: "It was switched off, but two or more active staff members exist now, so it applies again.",
  },
  fourEyesReasonShown: { fi: "Perustelu: {reason}", en: "Reason: {reason}" },
  fourEyesChangedBy: { fi: "Muuttanut {name} {date}.", en: "Changed by {name} on {date}." },
  fourEyesColleagues: {
    fi: "Aktiivisia henkilökunnan jäseniä on kaksi tai enemmän, joten kahden henkilön hyväksyntää ei voi kytkeä pois.",
    en: "Two or more active staff members exist, so four eyes cannot be switched off.",
  },
  fourEyesChoiceLegend: { fi: "Kahden henkilön hyväksyntä poistoille", en: "Four eyes for erasures" },
  fourEyesChoiceOn: { fi: "Käytössä", en: "On" },
  fourEyesChoiceOff: { fi: "Pois käytöstä", en: "Off" },
  fourEyesReason: { fi: "Perustelu", en: "Reason" },
  fourEyesReasonHint: {
    fi: "Miksi poiston saa toteuttaa yksin? Vähintään 10 merkkiä; tallennetaan.",
    en: "Why may one person carry out an erasure alone? At least 10 characters; kept.",
  },
  fourEyesSavedOn: { fi: "Kahden henkilön hyväksyntä on käytössä.", en: "Four eyes is on." },
  fourEyesSavedOff: { fi: "Kahden henkilön hyväksyntä on pois käytöstä.", en: "Four eyes is off." },
  accountsStatusAwaitingAdmin: {
    fi: "Odottaa toisen ylläpitäjän hyväksyntää",
    en: "Waiting for a second administrator's approval",
  },
  accountsApproveAdmin: { fi: "Hyväksy ylläpitäjäksi", en: "Approve as administrator" },
  accountsApproveAdminOwn: {
    fi: "Teit hänestä ylläpitäjän: toisen ylläpitäjän on hyväksyttävä.",
    en: "You made them an administrator: another administrator must approve.",
  },
  accountsAdminApproved: { fi: "{name} on nyt ylläpitäjä.", en: "{name} is now an administrator." },
} as const satisfies Record<string, Localized>;

/** The accounts feature's texts with the app's, for its components and pages. */
export const { useI18n } = createI18n({ ...appMessages, ...accountsMessages });
