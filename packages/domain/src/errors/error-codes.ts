import type { Locale, Localized } from "../i18n/localized.ts";

/**
 * Every error a user can cause, with its text in both languages.
 * The BFF answers with the code; both apps show the text in the user's language.
 */
export const errorMessages = {
  invalid_input: { fi: "Tarkista syöttämäsi tiedot.", en: "Please check what you entered." },
  required: { fi: "Tämä tieto on pakollinen.", en: "This field is required." },
  too_long: { fi: "Teksti on liian pitkä.", en: "The text is too long." },
  email_invalid: { fi: "Anna kelvollinen sähköpostiosoite.", en: "Enter a valid e-mail address." },
  phone_invalid: {
    fi: "Anna puhelinnumero kansainvälisessä muodossa, esim. +358 40 123 4567.",
    en: "Enter the phone number in international format, e.g. +358 40 123 4567.",
  },
  postal_code_invalid: { fi: "Postinumerossa on viisi numeroa.", en: "A Finnish postal code has five digits." },
  url_invalid: { fi: "Anna osoite muodossa https://…", en: "Enter an address starting with https://…" },
  country_invalid: { fi: "Maakoodissa on kaksi kirjainta.", en: "A country code has two letters." },
  code_format: { fi: "Koodissa on kuusi numeroa.", en: "The code has six digits." },
  code_invalid: {
    fi: "Koodi on väärä tai vanhentunut. Pyydä tarvittaessa uusi koodi.",
    en: "The code is wrong or has expired. Request a new code if needed.",
  },
  sign_in_failed: {
    fi: "Kirjautuminen ei onnistunut. Tarkista käyttäjätunnus ja salasana.",
    en: "Sign-in failed. Check your user name and password.",
  },
  search_too_short: { fi: "Kirjoita vähintään kaksi merkkiä.", en: "Type at least two characters." },
  id_invalid: { fi: "Tunniste ei kelpaa.", en: "The identifier is not valid." },
  unauthenticated: { fi: "Kirjaudu sisään.", en: "Please sign in." },
  forbidden: { fi: "Sinulla ei ole oikeutta tähän.", en: "You are not allowed to do this." },
  not_found: { fi: "Tietoa ei löytynyt.", en: "Not found." },
  origin_mismatch: {
    fi: "Pyyntö tuli väärästä osoitteesta, eikä sitä käsitelty.",
    en: "The request came from the wrong origin and was not processed.",
  },
  unsupported_media_type: { fi: "Pyynnön muoto ei kelpaa.", en: "The request format is not supported." },
  payload_too_large: { fi: "Pyyntö on liian suuri.", en: "The request is too large." },
  rate_limited: {
    fi: "Liian monta yritystä. Odota hetki ja yritä uudelleen.",
    en: "Too many attempts. Wait a moment and try again.",
  },
  record_restricted: {
    fi: "Tietojesi käsittely on rajoitettu, joten et voi nyt muuttaa niitä itse. Voit silti pyytää tietojen korjaamista korjauspyynnöllä Pyynnöt-sivulla; asiakaspalvelu ratkaisee sen.",
    en: "Processing of your data is restricted, so you cannot change it yourself now. You can still ask for a correction with a correction request on the Requests page; customer service decides it.",
  },
  not_cancellable: {
    fi: "Pyyntö on jo ratkaistu, eikä sitä voi enää perua.",
    en: "The request has already been decided and can no longer be cancelled.",
  },
  request_pending: {
    fi: "Sinulla on jo samanlainen pyyntö käsittelyssä.",
    en: "You already have a request of this kind pending.",
  },
  email_unavailable: {
    fi: "Tätä sähköpostiosoitetta ei voi ottaa käyttöön. Kokeile toista osoitetta.",
    en: "This e-mail address cannot be used. Try another address.",
  },
  email_unchanged: { fi: "Tämä on jo sähköpostiosoitteesi.", en: "This is already your e-mail address." },
  reasons_required: {
    fi: "Kirjoita perustelut (vähintään 10 merkkiä). Asiakas saa ne kirjallisena.",
    en: "Write the reasons (at least 10 characters). The customer receives them in writing.",
  },
  date_invalid: { fi: "Anna päivämäärä muodossa VVVV-KK-PP.", en: "Enter the date as YYYY-MM-DD." },
  password_too_short: {
    fi: "Salasanassa on oltava vähintään 12 merkkiä.",
    en: "The password must have at least 12 characters.",
  },
  password_common: {
    fi: "Salasana on liian yleinen. Valitse toinen.",
    en: "This password is too common. Choose another.",
  },
  username_invalid: {
    fi: "Käyttäjätunnuksessa voi olla 2–64 merkkiä: a–z, 0–9, piste, alaviiva ja viiva.",
    en: "A user name has 2–64 characters: a–z, 0–9, dot, underscore and dash.",
  },
  username_taken: { fi: "Käyttäjätunnus on jo käytössä.", en: "This user name is already in use." },
  totp_required: {
    fi: "Anna todennussovelluksen kuusinumeroinen koodi.",
    en: "Enter the six-digit code from your authenticator app.",
  },
  erasure_blocked: {
    fi: "Tietoja ei voi poistaa: poiston estää vähintään yksi peruste.",
    en: "The data cannot be erased: at least one ground blocks erasure.",
  },
  invalid_state: {
    fi: "Pyynnön tila ei salli tätä toimenpidettä.",
    en: "The request's state does not allow this action.",
  },
  extension_not_allowed: {
    fi: "Määräaikaa voi jatkaa vain kerran, enintään kahdella kuukaudella ja vain ensimmäisen kuukauden aikana.",
    en: "The deadline can be extended only once, by at most two months, and only within the first month.",
  },
  lift_notice_missing: {
    fi: "Asiakkaalle on ilmoitettava ennen kuin rajoitus poistetaan.",
    en: "The customer must be told before the restriction is lifted.",
  },
  restriction_active: {
    fi: "Asiakkaan tietojen käsittely on jo rajoitettu.",
    en: "Processing of the customer's data is already restricted.",
  },
  notifications_pending: {
    fi: "Vahvista ensin ilmoitukset kaikille osapuolille.",
    en: "Confirm the notifications to every party first.",
  },
  server_error: {
    fi: "Jotain meni vikaan. Mitään ei muutettu. Yritä hetken päästä uudelleen.",
    en: "Something went wrong. Nothing was changed. Please try again shortly.",
  },
  address_unparsed: {
    fi: "Osoitetta ei voitu lukea muodossa ”katuosoite, postinumero postitoimipaikka”. Mitään ei muutettu. Pyydä asiakkaalta osoite tässä muodossa tai evää pyyntö perustellen.",
    en: "The address could not be read as “street, postal code city”. Nothing was changed. Ask the customer for the address in this form, or refuse the request with reasons.",
  },
  billing_missing: {
    fi: "Asiakkaalla ei ole laskutustietoja, joihin korjauksen voisi tehdä. Mitään ei muutettu.",
    en: "The customer has no billing details to correct. Nothing was changed.",
  },
  already_notified: {
    fi: "Tämän osapuolen ilmoitus on jo vahvistettu.",
    en: "The notification to this party has already been confirmed.",
  },
  date_in_future: {
    fi: "Päivä ei voi olla tulevaisuudessa.",
    en: "The day cannot be in the future.",
  },
  service_unavailable: {
    fi: "Palvelu ei ole juuri nyt käytettävissä. Mitään ei muutettu. Yritä hetken päästä uudelleen.",
    en: "The service is temporarily unavailable. Nothing was changed. Please try again shortly.",
  },
  // Issue 11 A — rights: mailing lists, legal bases, postal codes abroad.
  // Postal codes by country (customer/postal-codes.ts): each names the form expected for the chosen country.
  postal_code_three_digits: {
    fi: "Tämän maan postinumerossa on kolme numeroa, esimerkiksi 101.",
    en: "A postal code in this country has three digits, for example 101.",
  },
  postal_code_four_digits: {
    fi: "Tämän maan postinumerossa on neljä numeroa, esimerkiksi 1010.",
    en: "A postal code in this country has four digits, for example 1010.",
  },
  postal_code_five_digits: {
    fi: "Tämän maan postinumerossa on viisi numeroa, esimerkiksi 10115.",
    en: "A postal code in this country has five digits, for example 10115.",
  },
  postal_code_six_digits: {
    fi: "Romanian postinumerossa on kuusi numeroa, esimerkiksi 010011.",
    en: "A postal code in Romania has six digits, for example 010011.",
  },
  postal_code_form_123_45: {
    fi: "Tämän maan postinumero on muotoa 123 45 (esimerkiksi Ruotsissa).",
    en: "A postal code in this country looks like 123 45 (as in Sweden).",
  },
  postal_code_form_nl: {
    fi: "Alankomaiden postinumero on muotoa 1234 AB.",
    en: "A postal code in the Netherlands looks like 1234 AB.",
  },
  postal_code_form_pl: { fi: "Puolan postinumero on muotoa 12-345.", en: "A postal code in Poland looks like 12-345." },
  postal_code_form_pt: {
    fi: "Portugalin postinumero on muotoa 1234-567.",
    en: "A postal code in Portugal looks like 1234-567.",
  },
  postal_code_form_lv: {
    fi: "Latvian postinumero on muotoa LV-1234.",
    en: "A postal code in Latvia looks like LV-1234.",
  },
  postal_code_form_lt: {
    fi: "Liettuan postinumero on muotoa LT-12345.",
    en: "A postal code in Lithuania looks like LT-12345.",
  },
  postal_code_form_mt: {
    fi: "Maltan postinumero on muotoa ABC 1234.",
    en: "A postal code in Malta looks like ABC 1234.",
  },
  postal_code_form_ie: {
    fi: "Irlannin postinumero (Eircode) on muotoa D02 X285.",
    en: "An Irish postal code (Eircode) looks like D02 X285.",
  },
  postal_code_form_gb: {
    fi: "Yhdistyneen kuningaskunnan postinumero on muotoa SW1A 1AA.",
    en: "A postal code in the United Kingdom looks like SW1A 1AA.",
  },
  postal_code_form_us: {
    fi: "Yhdysvaltojen postinumero (ZIP) on muotoa 12345 tai 12345-6789.",
    en: "A US postal code (ZIP code) looks like 12345 or 12345-6789.",
  },
  postal_code_too_long: {
    fi: "Postinumerossa voi olla enintään 20 merkkiä.",
    en: "A postal code has at most 20 characters.",
  },

  // Issue 11 B — restriction rules.
  correction_restricted: {
    fi: "Korjausta ei voi tehdä: asiakkaan tietojen käsittely on rajoitettu muulla perusteella kuin tietojen paikkansapitävyyden kiistämisen vuoksi, joten tiedot pidetään ennallaan. Mitään ei muutettu. Poista rajoitus ensin tai evää pyyntö perustellen.",
    en: "The correction cannot be made: processing of the customer's data is restricted on a ground other than contested accuracy, so the data are kept as they are. Nothing was changed. Lift the restriction first, or refuse the request with reasons.",
  },
  lift_reason_required: {
    fi: "Valitse syy rajoituksen poistamiselle. Asiakas näkee sen.",
    en: "Choose the reason for lifting the restriction. The customer sees it.",
  },
  lift_reason_invalid: {
    fi: "Syy ei sovi tämän rajoituksen perusteeseen. Valitse toinen syy.",
    en: "This reason does not fit the restriction's ground. Choose another reason.",
  },

  // Issue 11 C — staff sign-in: second factor, own password.
  password_change_required: {
    fi: "Vaihda salasanasi ennen kuin jatkat.",
    en: "Change your password before you continue.",
  },
  password_wrong: { fi: "Salasana on väärä.", en: "The password is wrong." },
  password_unchanged: {
    fi: "Valitse uusi salasana, joka on eri kuin nykyinen.",
    en: "Choose a new password that differs from the current one.",
  },
  policy_reason_required: {
    fi: "Kirjoita perustelu (vähintään 10 merkkiä). Se tallennetaan lokiin.",
    en: "Write the reason (at least 10 characters). It is kept in the audit trail.",
  },
  second_factor_always_required: {
    fi: "Ylläpitäjien kaksivaiheista tunnistusta ei voi poistaa käytöstä.",
    en: "Two-factor sign-in cannot be switched off for administrators.",
  },

  // Issue 11 D — customer sign-in: codes, links, limits.
  sign_in_code_format: { fi: "Koodissa on kahdeksan numeroa.", en: "The code has eight digits." },
  sign_in_link_invalid: {
    fi: "Kirjautumislinkki on vanhentunut tai jo käytetty. Pyydä uusi koodi kirjautumissivulla.",
    en: "This sign-in link has expired or has already been used. Request a new code on the sign-in page.",
  },
  sign_in_rate_limited: {
    fi: "Tälle osoitteelle on tehty liian monta yritystä. Kirjaudu uusimman meiltä saamasi viestin kirjautumislinkillä – se toimii rajoituksesta huolimatta – tai yritä uudelleen 15 minuutin kuluttua.",
    en: "Too many attempts for this address. Sign in with the link in the newest e-mail we sent you – it works despite the limit – or try again in 15 minutes.",
  },

  // Issue 11 E — e-mail change: re-authentication, undo.
  reauthentication_required: {
    fi: "Vahvista ensin, että olet sinä: syötä koodi, jonka lähetimme nykyiseen sähköpostiosoitteeseesi.",
    en: "First confirm that it is you: enter the code we sent to your current e-mail address.",
  },
  email_change_limit: {
    fi: "Olet aloittanut sähköpostiosoitteen vaihdon liian monta kertaa tänään. Yritä huomenna uudelleen.",
    en: "You have started an e-mail address change too many times today. Please try again tomorrow.",
  },
  reauthentication_limit: {
    fi: "Olet pyytänyt liian monta vahvistuskoodia tänään. Kirjaudu ulos ja uudelleen sisään, niin voit vaihtaa osoitteen heti.",
    en: "You have asked for too many confirmation codes today. Sign out and in again, and you can change the address at once.",
  },
  undo_link_invalid: {
    fi: "Linkki on virheellinen. Avaa linkki suoraan viestistä, jonka sait sähköpostiosoitteen vaihdosta.",
    en: "The link is not valid. Open the link straight from the message you received about the e-mail change.",
  },
  undo_link_expired: {
    fi: "Linkki on vanhentunut: muutoksen voi perua seitsemän päivän ajan. Ota yhteyttä asiakaspalveluun.",
    en: "The link has expired: a change can be undone for seven days. Please contact customer service.",
  },
  undo_link_used: {
    fi: "Linkkiä on jo käytetty, eikä se toimi uudelleen.",
    en: "The link has already been used and does not work again.",
  },
  undo_email_taken: {
    fi: "Aiempi sähköpostiosoitteesi on nyt toisen asiakkaan käytössä, joten sitä ei voi palauttaa. Ota yhteyttä asiakaspalveluun.",
    en: "Your previous e-mail address is now used by another customer, so it cannot be restored. Please contact customer service.",
  },

  // Issue 11 F — anti-automation, proxy, purge.
  request_limit_reached: {
    fi: "Olet lähettänyt tänään jo enimmäismäärän pyyntöjä tämän palvelun kautta. Voit lähettää uusia huomenna, tai kirjoita asiakaspalveluun kirjeellä tai sähköpostilla.",
    en: "You have already sent the day's maximum number of requests through this service. You can send more tomorrow, or write to customer service by letter or e-mail.",
  },
  marketing_limit_reached: {
    fi: "Olet muuttanut markkinointivalintojasi monta kertaa tämän tunnin aikana. Voit kieltää markkinoinnin milloin tahansa; kiellon perumista voit yrittää uudelleen tunnin kuluttua.",
    en: "You have changed your marketing choices many times this hour. You can object to marketing at any time; try withdrawing an objection again in an hour.",
  },
  export_in_progress: {
    fi: "Edellinen latauksesi on vielä kesken. Odota, että se valmistuu, ja yritä sitten uudelleen.",
    en: "Your previous download is still running. Wait for it to finish, then try again.",
  },
  export_address_busy: {
    fi: "Verkostasi on jo käynnissä useita latauksia. Odota, että ne valmistuvat, ja yritä sitten uudelleen.",
    en: "Several downloads are already running from your network. Wait for them to finish, then try again.",
  },
  export_busy: {
    fi: "Palvelussa on juuri nyt paljon latauksia. Yritä minuutin päästä uudelleen.",
    en: "Many downloads are running right now. Please try again in a minute.",
  },

  // Issue 12 — the interchange format (packages/domain/src/ingest/interchange.ts).
  external_id_required: { fi: "Tunniste (external_id) puuttuu.", en: "The identifier (external_id) is missing." },
  external_id_invalid: {
    fi: "Tunniste (external_id) on 1–100 näkyvää ASCII-merkkiä ilman välilyöntejä.",
    en: "The identifier (external_id) is 1–100 visible ASCII characters without spaces.",
  },
  language_invalid: { fi: "Kieli on fi tai en.", en: "The language is fi or en." },
  business_id_invalid: {
    fi: "Y-tunnus on muotoa 1234567-8, ja sen tarkistusmerkin on täsmättävä.",
    en: "A business ID has the form 1234567-8, and its check digit must match.",
  },
  organisation_role_invalid: {
    fi: "Rooli on representative tai contact_person.",
    en: "The role is representative or contact_person.",
  },
  address_incomplete: {
    fi: "Anna katuosoite, postinumero ja postitoimipaikka yhdessä (tai tyhjennä ne kaikki).",
    en: "Give the street, postal code and city together (or clear them all).",
  },
  billing_incomplete: {
    fi: "Anna laskutuksen nimi, katuosoite, postinumero ja postitoimipaikka yhdessä (tai tyhjennä ne kaikki).",
    en: "Give the billing name, street, postal code and city together (or clear them all).",
  },
  organisation_incomplete: {
    fi: "Anna organisaatio, rooli ja roolin alkupäivä yhdessä (tai tyhjennä ne kaikki).",
    en: "Give the organisation, the role and the role's start date together (or clear them all).",
  },
  end_before_start: { fi: "Päättymispäivä on ennen alkamispäivää.", en: "The end date is before the start date." },
  amount_invalid: { fi: "Summa annetaan kokonaislukuna senteissä.", en: "Give the amount as a whole number of cents." },
  currency_invalid: {
    fi: "Valuutta on kolmikirjaiminen koodi, esim. EUR.",
    en: "The currency is a three-letter code, e.g. EUR.",
  },
  status_invalid: { fi: "Tila ei ole sallittu.", en: "The status is not one of those allowed." },
  collection_agency_required: {
    fi: "Perinnässä olevalle laskulle on annettava perintätoimiston nimi.",
    en: "An invoice in debt collection needs the collection agency's name.",
  },
  paid_on_required: {
    fi: "Maksetulle laskulle on annettava maksupäivä.",
    en: "A paid invoice needs its payment date.",
  },
  purpose_invalid: { fi: "Käyttötarkoitus ei ole tunnettu.", en: "The purpose is not a known one." },
  too_many: { fi: "Rivejä on liikaa yhdessä tietueessa.", en: "Too many entries in one record." },
  reason_required: { fi: "Kirjoita perustelu (vähintään 3 merkkiä).", en: "Write a reason (at least 3 characters)." },
  hold_end_in_past: {
    fi: "Säilytysvelvoitteen päättymispäivä ei voi olla menneisyydessä.",
    en: "The last day of a legal hold cannot be in the past.",
  },

  // Issue 12 A — ingest: conflicts, duplicates, erased customers.
  customer_restricted: {
    fi: "Asiakkaan tietojen käsittely on rajoitettu (tietosuoja-asetuksen 18 artikla): tietoja ei muuteta ennen kuin rajoitus päättyy. Lähetä rivi uudelleen sen jälkeen.",
    en: "Processing of the customer's data is restricted (GDPR Art. 18): the data is not changed until the restriction ends. Send the row again after that.",
  },
  erased_customer: {
    fi: "Sähköpostiosoite kuului asiakkaalle, jonka tiedot on poistettu. Riviä ei tuotu, ellei asiakkuus alkanut poiston jälkeen.",
    en: "The e-mail address belonged to a customer whose data was erased. The row was not imported unless the relationship started after the erasure.",
  },
  possible_duplicate: {
    fi: "Sähköpostiosoite kuuluu jo toiselle asiakkaalle. Riviä ei yhdistetty; tarkista se saapuneista tiedoista.",
    en: "The e-mail address already belongs to another customer. The row was not merged; check it under incoming data.",
  },
  new_customer_needs_name: {
    fi: "Uudelle asiakkaalle tarvitaan etu- ja sukunimi.",
    en: "A new customer needs a first name and a last name.",
  },
  order_number_taken: {
    fi: "Tilausnumero on jo toisen asiakkaan tilauksella.",
    en: "The order number already belongs to another customer's order.",
  },
  invoice_number_taken: {
    fi: "Laskun numero on jo toisen asiakkaan laskulla.",
    en: "The invoice number already belongs to another customer's invoice.",
  },
  inbound_issue_resolution_invalid: {
    fi: "Tätä ratkaisua ei voi käyttää tämän tyyppiseen saapuneeseen tietoon.",
    en: "This resolution cannot be used for this kind of incoming data.",
  },

  // Issue 12 B — bulk import files.
  import_encoding: {
    fi: "Tiedosto ei ole UTF-8-merkistöä. Tallenna se UTF-8-muodossa (ei UTF-16 tai muu merkistö) ja yritä uudelleen.",
    en: "The file is not UTF-8 text. Save it as UTF-8 (not UTF-16 or another encoding) and try again.",
  },
  import_delimiter: {
    fi: "Sarakkeita ei ole eroteltu pilkuilla. Tallenna tiedosto CSV-muodossa pilkkuerottimella.",
    en: "The columns are not separated by commas. Save the file as CSV with commas as the delimiter.",
  },
  import_empty: { fi: "Tiedosto on tyhjä.", en: "The file is empty." },
  import_column_missing: {
    fi: "Otsikkoriviltä puuttuu pakollinen sarake.",
    en: "The header line lacks a required column.",
  },
  import_column_unknown: {
    fi: "Otsikkorivillä on sarake, jota tiedostomuoto ei tunne.",
    en: "The header line has a column the file format does not know.",
  },
  import_column_repeated: {
    fi: "Otsikkorivillä on sama sarake kahdesti.",
    en: "The header line has the same column twice.",
  },
  import_line_too_long: {
    fi: "Rivi on yli 1 MiB pitkä, joten tiedostoa ei luettu pidemmälle.",
    en: "A line is longer than 1 MiB, so the file was not read further.",
  },
  import_csv_malformed: {
    fi: "Rivi ei ole kelvollista CSV:tä (esimerkiksi lainausmerkki jää sulkematta).",
    en: "The line is not valid CSV (for example, a quote is left open).",
  },
  import_json_invalid: {
    fi: "Rivi ei ole kelvollinen JSON-objekti.",
    en: "The line is not a valid JSON object.",
  },
  import_cell_count: {
    fi: "Rivillä on eri määrä soluja kuin otsikkorivillä.",
    en: "The row has a different number of cells than the header line.",
  },
  import_duplicate_external_id: {
    fi: "Sama tunniste (external_id) on tiedostossa useammalla rivillä; mitään niistä ei tuotu.",
    en: "The same identifier (external_id) is on more than one row of the file; none of them was imported.",
  },
  import_kind_unknown: {
    fi: "Tiedoston muotoa ei tunnistettu: CSV-tiedostossa on oltava sarake external_id tai customer_reference, JSON Lines -tiedoston pääte on .jsonl.",
    en: "The file's format was not recognised: a CSV needs an external_id or customer_reference column, a JSON Lines file ends in .jsonl.",
  },
  import_running: {
    fi: "Tätä tiedostoa tuodaan jo. Odota, että tuonti valmistuu.",
    en: "This file is already being imported. Wait for that import to finish.",
  },
  import_too_large: {
    fi: "Tiedosto on suurempi kuin latausraja. Tuo suuret tiedostot komennolla pnpm data:import.",
    en: "The file is larger than the upload limit. Import large files with the command pnpm data:import.",
  },
  import_file_gone: {
    fi: "Ladattua tiedostoa ei enää löydy. Lataa tiedosto uudelleen.",
    en: "The uploaded file is no longer there. Upload the file again.",
  },
  customer_reference_invalid: {
    fi: "Asiakasviite (customer_reference) puuttuu tai ei kelpaa.",
    en: "The customer reference (customer_reference) is missing or not valid.",
  },
  non_disclosure_invalid: {
    fi: "Turvakieltotieto (non_disclosure) on true tai false.",
    en: "The non-disclosure flag (non_disclosure) is true or false.",
  },
  update_empty: {
    fi: "Päivitysrivillä ei ole uutta nimeä eikä osoitetta.",
    en: "The update row has neither a new name nor a new address.",
  },

  // Issue 12 C — connected systems, API clients, the integration API.
  // C1 — the admin's connected systems and API clients (apps/bff/src/services/connected-systems.ts, api-clients.ts).
  system_name_taken: {
    fi: "Tämän niminen järjestelmä on jo rekisteröity. Valitse toinen nimi.",
    en: "A system of this name is already registered. Choose another name.",
  },
  notice_party_invalid: {
    fi: "Valitse tietosuojaselosteen tietolähde tai vastaanottaja, johon järjestelmä kuuluu.",
    en: "Choose the source or recipient of the privacy notice the system belongs to.",
  },
  api_client_name_taken: {
    fi: "Tämän niminen API-asiakas on jo olemassa. Valitse toinen nimi.",
    en: "An API client of this name already exists. Choose another name.",
  },
  scopes_required: {
    fi: "Valitse vähintään yksi käyttöoikeus.",
    en: "Choose at least one scope.",
  },
  scope_invalid: {
    fi: "Tuntematon käyttöoikeus.",
    en: "Unknown scope.",
  },
  rate_invalid: {
    fi: "Pyyntöjä minuutissa on kokonaisluku 1–6000, tai jätä kenttä tyhjäksi oletusarvoa varten.",
    en: "Requests a minute is a whole number from 1 to 6000, or leave it empty for the default.",
  },
  api_client_revoked: {
    fi: "API-asiakas on poistettu käytöstä pysyvästi.",
    en: "The API client has been revoked for good.",
  },
  // Issue 12 C2 — the integration API (apps/bff/src/integration-app.ts).
  token_invalid: {
    fi: "API-avain puuttuu, on väärä tai se on peruttu.",
    en: "The API token is missing, wrong or revoked.",
  },
  scope_missing: {
    fi: "Tämän API-asiakkaan oikeudet eivät salli tätä kutsua.",
    en: "This API client's scopes do not allow this call.",
  },
  too_many_records: {
    fi: "Yhdessä kutsussa voi olla enintään 1 000 tietuetta.",
    en: "A call may carry at most 1,000 records.",
  },
  idempotency_key_invalid: {
    fi: "Idempotency-Key on 1–200 näkyvää ASCII-merkkiä.",
    en: "An Idempotency-Key is 1–200 visible ASCII characters.",
  },
  idempotency_key_reused: {
    fi: "Tämä Idempotency-Key on jo käytetty toisenlaiseen pyyntöön.",
    en: "This Idempotency-Key was already used for a different request.",
  },
  customer_unknown: {
    fi: "Tällä tunnisteella ei ole asiakasta tässä järjestelmässä.",
    en: "No customer has this identifier in this system.",
  },

  // Issue 12 D — update services, protected addresses.

  // Issue 12 E — staff record-keeping, approvals, paper access requests.
  written_off_on_required: {
    fi: "Poistetulle laskulle on annettava poistopäivä.",
    en: "A written-off invoice needs the day it was written off.",
  },
  invoice_not_open: {
    fi: "Lasku ei ole enää avoin: sen tilaa ei voi muuttaa.",
    en: "The invoice is no longer open: its state cannot be changed.",
  },
  role_already_ended: { fi: "Rooli on jo päättynyt.", en: "The role has already ended." },
  approval_own_request: {
    fi: "Omaa pyyntöä ei voi hyväksyä eikä hylätä: toisen henkilön on päätettävä siitä.",
    en: "You cannot decide on your own request: another person must do it.",
  },
  approval_decided: {
    fi: "Pyynnöstä on jo päätetty.",
    en: "This request has already been decided.",
  },
  approval_pending: {
    fi: "Samasta asiasta odottaa jo hyväksyntää toinen pyyntö.",
    en: "Another request about the same thing is already waiting for approval.",
  },
  // E1: creating and correcting customers, objections taken by staff, paper access requests.
  objection_channel_invalid: {
    fi: "Valitse, miten vastustus tuli: puhelimitse, kirjeellä tai sähköpostilla.",
    en: "Choose how the objection came: by phone, by letter or by e-mail.",
  },
  withdrawal_needs_customer_request: {
    fi: "Vastustuksen voi perua vain, jos asiakas itse pyysi sitä.",
    en: "An objection can be withdrawn only when the customer asked for it.",
  },
  identity_method_invalid: {
    fi: "Valitse, miten henkilöllisyys varmistettiin.",
    en: "Choose how the identity was verified.",
  },
  identity_other_text_required: {
    fi: "Kerro, miten henkilöllisyys varmistettiin (vähintään 3 merkkiä).",
    en: "Say how the identity was verified (at least 3 characters).",
  },
  identity_already_verified: {
    fi: "Pyytäjän henkilöllisyys on jo varmistettu.",
    en: "The requester's identity has already been verified.",
  },
  identity_not_verified: {
    fi: "Varmista ensin pyytäjän henkilöllisyys. Vasta sen jälkeen tiedot voi lähettää.",
    en: "Verify the requester's identity first. Only then can the data be sent.",
  },
  not_paper_access: {
    fi: "Tämä koskee vain kirjeellä tai sähköpostilla tullutta tietojen tarkastuspyyntöä.",
    en: "This is only for an access request that came by letter or e-mail.",
  },
  no_address_on_record: {
    fi: "Asiakkaalla ei ole rekisterissä sähköposti- eikä postiosoitetta, joten tietoja ei voi lähettää.",
    en: "The customer has neither an e-mail nor a postal address in the register, so the data cannot be sent.",
  },

  // Issue 12 F — lifecycle, the customer's view of sources and erasure date.
  protected_address_reason_required: {
    fi: "Valitse, miksi avaat suojatun osoitteen.",
    en: "Choose why you open the protected address.",
  },
  address_not_protected: {
    fi: "Asiakkaan osoite ei ole turvakiellon alainen; se näkyy asiakastiedoissa.",
    en: "The customer's address is not protected; it is shown in the record.",
  },
  // Issue 13 A — the outbox, mail and the delivery log.
  delivery_not_replayable: {
    fi: "Tätä viestiä ei voi lähettää uudelleen: sen sisältöä ei enää säilytetä eikä sitä voi muodostaa uudelleen.",
    en: "This message cannot be sent again: its content is no longer kept and cannot be rebuilt.",
  },
  // Issue 13 B — webhook endpoints.
  webhook_url_invalid: {
    fi: "Anna vastaanottajan osoite muodossa https://… (ilman tunnuksia).",
    en: "Enter the receiver's address as https://… (without credentials).",
  },
  webhook_events_required: {
    fi: "Valitse vähintään yksi tapahtuma, jonka järjestelmä vastaanottaa.",
    en: "Choose at least one event the system receives.",
  },
  webhook_categories_missing: {
    fi: "Valitut tietoryhmät eivät kata kaikkia valittuja tapahtumia: tapahtuma lähetetään vain, jos järjestelmä saa vastaanottaa kaikki sen tietoryhmät.",
    en: "The chosen data categories do not cover every chosen event: an event is sent only if the system may receive all of its categories.",
  },
  webhook_system_unknown: {
    fi: "Valittua järjestelmää ei löydy. Valitse rekisteröity järjestelmä tai rekisteröi uusi.",
    en: "The chosen system was not found. Choose a registered system or register a new one.",
  },
  // Issue 13 C — the disclosure log.
  disclosure_day_in_future: {
    fi: "Luovutuspäivä ei voi olla tulevaisuudessa.",
    en: "The day of the disclosure cannot be in the future.",
  },
  disclosure_day_before_customer: {
    fi: "Luovutuspäivä on ennen kuin asiakas tuli rekisteriin. Tarkista päivämäärä.",
    en: "The day of the disclosure is before the customer was in the register. Check the date.",
  },
  disclosure_system_unknown: {
    fi: "Valittua järjestelmää ei ole rekisteröity. Valitse vastaanottaja luettelosta.",
    en: "The chosen system is not registered. Choose the recipient from the list.",
  },
  // Issue 13 D — Art. 19 notifications.
  notification_by_webhook: {
    fi: "Tälle osapuolelle ilmoitetaan automaattisesti tiedonsiirrolla. Vahvista se itse vasta, jos toimitus epäonnistuu lopullisesti.",
    en: "This party is told automatically by a webhook. Confirm it yourself only if the delivery finally fails.",
  },
  // Issue 13 E — restriction-lift notices.
  lift_told_otherwise_not_allowed: {
    fi: "Muun ilmoitustavan voi kirjata vain, jos ilmoituksen toimitus epäonnistui tai asiakkaalla ei ole sähköpostiosoitetta.",
    en: "Another way of telling the customer can be recorded only when the notice's delivery failed or the customer has no e-mail address.",
  },
  lift_told_otherwise_method_required: {
    fi: "Valitse, miten kerroit asiakkaalle rajoituksen poistamisesta.",
    en: "Choose how you told the customer that the restriction will be lifted.",
  },
  lift_notice_not_delivered: {
    fi: "Ilmoitusta rajoituksen poistamisesta ei ole vielä toimitettu asiakkaalle. Odota toimitusta tai kirjaa, miten kerroit asiakkaalle muuten.",
    en: "The notice of lifting the restriction has not been delivered to the customer yet. Wait for the delivery or record how you told the customer another way.",
  },
  // Issue 13 F — mail language.
  // Issue 14 A — partial erasure.
  erasure_remainder_held: {
    fi: "Jokin peruste säilyttää vielä asiakkaan tietoja, joten loppuja tietoja ei voi vielä poistaa.",
    en: "A ground still keeps some of the customer's data, so the rest cannot be erased yet.",
  },
  hold_keeps_invalid: {
    fi: "Valitse säilytettävät tietoryhmät rekisteriselosteen ryhmistä, kukin kerran.",
    en: "Choose the data categories to keep from the register description's categories, each once.",
  },
  // Issue 14 B — bookkeeping and retention.
  retention_running: {
    fi: "Säilytysajan ajo on jo käynnissä. Odota, että se päättyy, ja yritä sitten uudelleen.",
    en: "A retention run is already under way. Wait until it ends, then try again.",
  },
  // Issue 14 C — no trace.
  // Issue 14 D — four eyes.
  four_eyes_required: {
    fi: "Tämä toimi vaatii toisen henkilön hyväksynnän. Pyyntö odottaa nyt hyväksyntää.",
    en: "This act needs a second person's approval. The request now waits for it.",
  },
  four_eyes_reason_required: {
    fi: "Kerro, miksi kahden henkilön hyväksyntä kytketään pois (vähintään 10 merkkiä).",
    en: "Say why the second person's approval is switched off (at least 10 characters).",
  },
  second_admin_required: {
    fi: "Uuden ylläpitäjän luominen vaatii toisen ylläpitäjän hyväksynnän.",
    en: "Creating a new administrator needs a second administrator's approval.",
  },
  four_eyes_colleagues_present: {
    fi: "Kahden henkilön hyväksyntää ei voi kytkeä pois, kun aktiivisia henkilökunnan jäseniä on kaksi tai enemmän.",
    en: "Four eyes cannot be switched off while two or more active staff members exist.",
  },
  admin_approval_cli: {
    fi: "Ylläpitäjiä on vain yksi, joten toista ei voi hyväksyä kukaan: toinen ylläpitäjä luodaan palvelimen komentoriviltä (create-admin).",
    en: "There is only one administrator, so no one could approve a second: create the second administrator from the server's command line (create-admin).",
  },
  // Issue 14 E — the keyed audit trail.
  audit_checkpoints_none: {
    fi: 'Tekstissä ei ole yhtään tarkistuspisteriviä. Liitä rivit, jotka alkavat "tietoni-audit-checkpoint v1", tai koko tarkistuspisteviesti.',
    en: 'The text has no checkpoint line. Paste the lines that start with "tietoni-audit-checkpoint v1", or the whole checkpoint mail.',
  },
  audit_checkpoint_malformed: {
    fi: "Jokin tarkistuspisterivi on vaurioitunut (katkennut, rivitetty tai muutettu). Liitä rivit sellaisinaan, kukin yhdelle riville.",
    en: "A checkpoint line is damaged (cut, wrapped or edited). Paste the lines as they are, each on one line.",
  },
  // Issue 14 F — bounded work.
  // Issue 14 G — the data-protection officer's seat.
  statistics_period_invalid: {
    fi: "Jakson alun pitää olla ennen sen loppua tai sama päivä.",
    en: "The period's start must be on or before its end.",
  },
} as const satisfies Record<string, Localized>;

export type ErrorCode = keyof typeof errorMessages;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorMessages, value);
}

/** The text for an error code; unknown codes fall back to the generic input error. */
export function errorText(code: string, locale: Locale): string {
  return (isErrorCode(code) ? errorMessages[code] : errorMessages.invalid_input)[locale];
}

/** The JSON body of every error answer of the BFF. */
export type ApiError = {
  error: {
    code: ErrorCode;
    message: string;
    fields?: { path: string; code: ErrorCode }[];
  };
};
