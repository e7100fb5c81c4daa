import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the contact feature (fi/en). */
export const contactMessages = {
  contactTitle: { fi: "Yhteystiedot", en: "Contact details" },
  contactIntro: {
    fi: "Voit muuttaa puhelinnumerosi, postiosoitteesi ja WWW-osoitteesi itse. Muutos tulee voimaan heti, ja se kirjataan alla olevaan muutoshistoriaan.",
    en: "You can change your phone number, postal address and web address yourself. A change takes effect at once and is recorded in the change history below.",
  },
  contactSave: { fi: "Tallenna", en: "Save" },
  contactSaving: { fi: "Tallennetaan…", en: "Saving…" },
  contactRemove: { fi: "Poista tieto", en: "Remove" },

  contactPhoneHeading: { fi: "Puhelinnumero", en: "Phone number" },
  contactPhoneLabel: { fi: "Puhelinnumero", en: "Phone number" },
  contactPhoneHint: {
    fi: "Kansainvälisessä muodossa, esim. +358 40 123 4567.",
    en: "In international format, e.g. +358 40 123 4567.",
  },
  contactPhoneSaved: { fi: "Puhelinnumero tallennettiin.", en: "Your phone number was saved." },
  contactPhoneRemoved: { fi: "Puhelinnumero poistettiin.", en: "Your phone number was removed." },

  contactAddressHeading: { fi: "Postiosoite", en: "Postal address" },
  contactStreetLabel: { fi: "Katuosoite", en: "Street address" },
  contactPostalCodeLabel: { fi: "Postinumero", en: "Postal code" },
  contactCityLabel: { fi: "Postitoimipaikka", en: "City" },
  contactCountryLabel: { fi: "Maatunnus", en: "Country code" },
  contactCountryHint: {
    fi: "Kaksi kirjainta, esim. FI (Suomi), SE (Ruotsi) tai GB (Yhdistynyt kuningaskunta). Postinumeron muoto riippuu maasta.",
    en: "Two letters, e.g. FI (Finland), SE (Sweden) or GB (United Kingdom). The form of the postal code depends on the country.",
  },
  contactAddressSaved: { fi: "Postiosoite tallennettiin.", en: "Your postal address was saved." },
  contactAddressRemoved: { fi: "Postiosoite poistettiin.", en: "Your postal address was removed." },

  contactWwwHeading: { fi: "WWW-osoite", en: "Web address" },
  contactWwwLabel: { fi: "WWW-osoite", en: "Web address" },
  contactWwwHint: { fi: "Muodossa https://…", en: "Starting with https://…" },
  contactWwwSaved: { fi: "WWW-osoite tallennettiin.", en: "Your web address was saved." },
  contactWwwRemoved: { fi: "WWW-osoite poistettiin.", en: "Your web address was removed." },

  contactEmailHeading: { fi: "Sähköpostiosoite", en: "E-mail address" },
  contactEmailCurrent: {
    fi: "Nykyinen sähköpostiosoitteesi on {email}.",
    en: "Your current e-mail address is {email}.",
  },
  contactEmailIntro: {
    fi: "Lähetämme uuteen osoitteeseen vahvistuskoodin. Osoite vaihtuu vasta, kun olet syöttänyt koodin. Kirjaudut jatkossa uudella osoitteella. Jos kirjauduit yli viisi minuuttia sitten, vahvistat ensin koodilla nykyisestä osoitteestasi, että olet sinä. Nykyiseen osoitteeseen lähetetään vaihdosta ilmoitus ja linkki, jolla vaihdon voi perua seitsemän päivän ajan.",
    en: "We send a confirmation code to the new address. The address changes only once you have entered the code. From then on you sign in with the new address. If you signed in more than five minutes ago, you first confirm that it is you with a code from your current address. The current address is told of the change, with a link that undoes it for seven days.",
  },
  contactNewEmailLabel: { fi: "Uusi sähköpostiosoite", en: "New e-mail address" },
  contactSendEmailCode: { fi: "Lähetä vahvistuskoodi", en: "Send confirmation code" },
  contactSending: { fi: "Lähetetään…", en: "Sending…" },
  contactEmailCodeSent: {
    fi: "Lähetimme kuusinumeroisen vahvistuskoodin osoitteeseen {email}. Koodi on voimassa 10 minuuttia.",
    en: "We sent a six-digit confirmation code to {email}. The code is valid for 10 minutes.",
  },
  contactEmailCodeLabel: { fi: "Vahvistuskoodi (6 numeroa)", en: "Confirmation code (6 digits)" },
  contactConfirmEmail: { fi: "Vahvista uusi osoite", en: "Confirm the new address" },
  contactConfirming: { fi: "Tarkistetaan…", en: "Checking…" },
  contactUseOtherEmail: { fi: "Käytä toista osoitetta", en: "Use another address" },
  contactReauthHeading: { fi: "Vahvista, että olet sinä", en: "Confirm that it is you" },
  contactReauthSent: {
    fi: "Kirjauduit sisään yli viisi minuuttia sitten. Suojataksemme tiliäsi lähetimme kuusinumeroisen koodin nykyiseen osoitteeseesi {email}. Syötä se, niin jatkamme osoitteen vaihtoa. Koodi on voimassa 10 minuuttia.",
    en: "You signed in more than five minutes ago. To protect your account, we sent a six-digit code to your current address {email}. Enter it and we continue with the change. The code is valid for 10 minutes.",
  },
  contactReauthCodeLabel: {
    fi: "Koodi nykyisestä osoitteestasi (6 numeroa)",
    en: "Code from your current address (6 digits)",
  },
  contactReauthConfirm: { fi: "Vahvista ja jatka", en: "Confirm and continue" },
  contactCancel: { fi: "Peruuta", en: "Cancel" },
  contactEmailChanged: {
    fi: "Sähköpostiosoitteesi on nyt {email}. Käytä sitä, kun kirjaudut seuraavan kerran.",
    en: "Your e-mail address is now {email}. Use it the next time you sign in.",
  },

  contactOtherHeading: { fi: "Nimi, organisaatio ja laskutustiedot", en: "Name, organisation and billing data" },
  contactOtherText: {
    fi: "Nimeäsi, edustamaasi organisaatiota ja laskutustietojasi et voi muuttaa itse. Kerro korjauspyynnöllä, mikä tieto on väärin ja miksi, niin asiakaspalvelu käsittelee pyynnön.",
    en: "You cannot change your name, the organisation you represent or your billing data yourself. Tell us in a correction request what is wrong and why, and customer service will handle it.",
  },
  contactCorrectionLink: { fi: "Tee korjauspyyntö", en: "Request a correction" },

  contactHistoryHeading: { fi: "Muutoshistoria", en: "Change history" },
  contactHistoryCaption: { fi: "Tietojesi muutokset, uusin ensin", en: "Changes to your data, newest first" },
  contactHistoryAt: { fi: "Aika", en: "When" },
  contactHistoryField: { fi: "Tieto", en: "Data" },
  contactHistoryOld: { fi: "Aiempi arvo", en: "Previous value" },
  contactHistoryNew: { fi: "Uusi arvo", en: "New value" },
  contactHistoryActor: { fi: "Muuttaja", en: "Changed by" },
  contactHistoryReason: { fi: "Syy", en: "Reason" },
  contactHistoryNone: { fi: "Tietojasi ei ole vielä muutettu.", en: "Your data has not been changed yet." },
  contactHistoryOwnChange: { fi: "Oma muutoksesi tässä palvelussa", en: "Your own change in this service" },
  contactHistoryNoValue: { fi: "(tyhjä)", en: "(empty)" },
  contactActorCustomer: { fi: "Sinä", en: "You" },
  contactActorStaff: { fi: "Asiakaspalvelu", en: "Customer service" },
  contactActorSystem: { fi: "Järjestelmä", en: "System" },
  contactFieldEmail: { fi: "Sähköpostiosoite", en: "E-mail address" },
  contactFieldPhone: { fi: "Puhelinnumero", en: "Phone number" },
  contactFieldPostalAddress: { fi: "Postiosoite", en: "Postal address" },
  contactFieldWww: { fi: "WWW-osoite", en: "Web address" },
} as const satisfies Record<string, Localized>;

/** The contact feature's texts with the app's, for its components and pages. */
export const { useI18n } = createI18n({ ...appMessages, ...contactMessages });
