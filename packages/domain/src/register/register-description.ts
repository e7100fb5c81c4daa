import type { Locale, Localized } from "../i18n/localized.ts";
import { DEFAULT_RELATIONSHIP_ENDS_AFTER_MONTHS } from "../retention/lifecycle.ts";
import { type DataCategoryId, dataCategoryIds, type RecipientId, type SourceId } from "./ids.ts";
import { controllerName, registerName } from "./register-identity.ts";

/**
 * The controller's privacy notice ("tietosuojaseloste") as data. Both apps render it and every data export embeds it,
 * so another controller only swaps `registerDescription` (and register-identity.ts). Finnish follows the notice; English is a plain translation.
 */

/** Postal and electronic contact details, as printed in the notice. */
export type ContactDetails = {
  readonly name: string;
  readonly streetAddress: string;
  readonly postalCode: string;
  readonly city: string;
  /** Display form in international format. */
  readonly phone: string;
  readonly email: string;
};

export const rightIds = [
  "access",
  "portability",
  "rectification",
  "restriction",
  "objection",
  "erasure",
  "anonymisation",
  "complaint",
] as const;
export type RightId = (typeof rightIds)[number];

/** A legal basis of GDPR Art. 6(1): the article point and its name as the notice gives it. */
export type LegalBasis = { readonly article: string; readonly name: Localized };

/**
 * A purpose of processing with its own legal basis (Art. 13(1)(c) asks for the basis of each purpose, and Art.
 * 15 readers see it beside each data category).
 */
export type Purpose = { readonly id: string; readonly text: Localized; readonly legalBasis: LegalBasis };

export type DataCategoryDescription = {
  readonly name: Localized;
  readonly description: Localized;
  readonly purposeIds: readonly string[];
  readonly sources: readonly SourceId[];
  readonly recipients: readonly RecipientId[];
  readonly retention: Localized;
};

export type NamedEntry = { readonly name: Localized; readonly description: Localized };

export type Right = {
  readonly id: RightId;
  /** GDPR article(s), e.g. "15" or "16, 19". */
  readonly article: string;
  /** The notice's own heading. */
  readonly title: Localized;
  readonly text: Localized;
};

export type RegisterDescription = {
  readonly controller: ContactDetails;
  readonly contactPerson: ContactDetails;
  readonly registerName: Localized;
  /**
   * The language of the register's mail to a customer who has none recorded (issue 13): one set at sign-in from
   * the portal's language, by an import or the API, or by staff wins (see mailLanguage).
   */
  readonly defaultLanguage: Locale;
  /** ISO date the notice was drawn up. */
  readonly noticeDate: string;
  readonly legalBasis: { readonly article: string; readonly text: Localized };
  readonly purposes: readonly Purpose[];
  readonly dataCategories: Readonly<Record<DataCategoryId, DataCategoryDescription>>;
  readonly sources: Readonly<Record<SourceId, NamedEntry>>;
  readonly recipients: Readonly<Record<RecipientId, NamedEntry>>;
  readonly disclosures: Localized;
  readonly transfersOutsideEea: Localized;
  readonly retention: {
    readonly years: number;
    /**
     * The register setting of the lifecycle rule (issue 12, retention/lifecycle.ts): without a recorded end, no
     * open invoice and no active role, the customer relationship ends this many months after its last activity
     * (the last order, payment or role end; the start when there was none). Retention counts from that end.
     */
    readonly relationshipEndsAfterMonths: number;
    readonly text: Localized;
  };
  readonly security: { readonly manual: Localized; readonly it: Localized };
  readonly cookies: {
    readonly text: Localized;
    readonly collected: readonly Localized[];
    readonly analytics: Localized;
  };
  readonly automatedDecisionMaking: Localized;
  readonly rights: readonly Right[];
  readonly supervisoryAuthority: {
    readonly name: Localized;
    readonly postalAddress: string;
    readonly visitingAddress: string;
    readonly phone: string;
    readonly email: string;
    readonly web: string;
    readonly complaintText: Localized;
  };
  readonly organisationContactPersonRule: Localized;
};

// The notice gives the controller's and the contact person's details as the same address, phone and e-mail.
const address = { streetAddress: "Piiskakuja 7", postalCode: "20380", city: "Turku" } as const;
const phone = "+358 46 851 2316";
const email = "heli.ahonen@mastermark.fi";

/**
 * The notice's one basis: "Käsittelyn oikeusperusteena on sopimus" and "Käsittely perustuu sopimukseen". Every
 * purpose carries it because the notice says so for all processing; the portal does not invent bases for the
 * controller (a later check warns the admin where a stated basis is doubtful, e.g. advertising).
 */
const contract: LegalBasis = { article: "6(1)(b)", name: { fi: "Sopimus", en: "Contract" } };

const retentionText: Localized = {
  fi: "10 vuotta asiakkuuden päättymisestä lukien.",
  en: "10 years from the end of the customer relationship.",
};

export const registerDescription: RegisterDescription = {
  controller: { name: controllerName, ...address, phone, email },
  contactPerson: { name: "Heli Ahonen", ...address, phone, email },
  registerName,
  // A Finnish company's register: the notice itself is written in Finnish.
  defaultLanguage: "fi",
  noticeDate: "2021-04-28",
  legalBasis: {
    article: "6(1)(b)",
    text: {
      fi:
        "Käsittelyn oikeusperusteena on sopimus (EU:n yleisen tietosuoja-asetuksen 6 artiklan 1 kohdan b alakohta). " +
        "Käsittely perustuu asiakkaan ja rekisterinpitäjän väliseen asiakassuhteeseen.",
      en:
        "The legal basis for processing is a contract (Article 6(1)(b) of the EU General Data Protection " +
        "Regulation). Processing is based on the customer relationship between you and the controller.",
    },
  },
  purposes: [
    {
      id: "keepRegister",
      legalBasis: contract,
      text: {
        fi: "Organisaation asiakasrekisterin ylläpitäminen.",
        en: "Keeping the organisation's customer register.",
      },
    },
    {
      id: "manageOrders",
      legalBasis: contract,
      text: {
        fi: "Asiakkaiden tilausten hallinnointi, arkistointi ja käsittely.",
        en: "Managing, archiving and processing customers' orders.",
      },
    },
    {
      id: "customerRelationship",
      legalBasis: contract,
      text: { fi: "Asiakassuhteen hoitaminen.", en: "Looking after the customer relationship." },
    },
    {
      id: "developBusiness",
      legalBasis: contract,
      text: { fi: "Toiminnan kehittäminen.", en: "Developing our business." },
    },
    {
      id: "statistics",
      legalBasis: contract,
      text: { fi: "Tilastolliset tarkoitukset.", en: "Statistics." },
    },
    {
      id: "targetedContent",
      legalBasis: contract,
      text: {
        fi: "Henkilökohtaisemman kohdennetun sisällön tuottaminen verkkopalveluissamme.",
        en: "Producing more personal, targeted content in our web services.",
      },
    },
    {
      id: "ownAdvertising",
      legalBasis: contract,
      text: {
        fi:
          "Tietojen käyttäminen organisaation omissa rekistereissä esimerkiksi mainonnan kohdistamiseen " +
          "luovuttamatta henkilötietoja ulkopuolisille tahoille.",
        en:
          "Using the data in the organisation's own registers, for example to target our advertising, " +
          "without disclosing personal data to outside parties.",
      },
    },
    {
      id: "publishLists",
      legalBasis: contract,
      text: {
        fi:
          "Asiakasrekisterin tietojen julkaiseminen sähköisenä tai kirjallisena luettelona, esimerkiksi " +
          "postitustarroina suoramainoksiin, ellei asiakas sitä erityisesti kiellä. Kiellon voi tehdä tässä " +
          "palvelussa tai ilmoittamalla siitä rekisterinpitäjän asiakaspalveluun, sähköpostitse tai rekisterin " +
          "yhteyshenkilölle.",
        en:
          "Publishing data from the customer register as an electronic or printed list, for example mailing labels " +
          "for direct advertising, unless the customer specifically forbids it. You can forbid it in this service " +
          "or by telling the controller's customer service, by e-mail or the register's contact person.",
      },
    },
  ],
  dataCategories: {
    name: {
      name: { fi: "Etu- ja sukunimi", en: "First and last name" },
      description: { fi: "Henkilön etu- ja sukunimi.", en: "The person's first name and last name." },
      purposeIds: ["keepRegister", "manageOrders", "customerRelationship", "ownAdvertising", "publishLists"],
      sources: ["registration", "customerNotice", "updateService"],
      // Invoices carry the customer's name.
      recipients: ["controllerStaff", "financialAdministrationPartner"],
      retention: retentionText,
    },
    organisation: {
      name: { fi: "Edustettu organisaatio", en: "Organisation represented" },
      description: {
        fi: "Yhteisö, jota henkilö edustaa, ja henkilön rooli siinä.",
        en: "The organisation the person represents, and the person's role in it.",
      },
      purposeIds: ["keepRegister", "manageOrders", "customerRelationship", "publishLists"],
      sources: ["registration", "customerNotice"],
      recipients: ["controllerStaff", "financialAdministrationPartner"],
      retention: retentionText,
    },
    email: {
      name: { fi: "Sähköpostiosoite", en: "E-mail address" },
      description: { fi: "Sähköpostiosoite yhteydenpitoa varten.", en: "E-mail address for contacting you." },
      purposeIds: ["keepRegister", "manageOrders", "customerRelationship", "ownAdvertising"],
      sources: ["registration", "customerNotice", "updateService"],
      recipients: ["controllerStaff"],
      retention: retentionText,
    },
    postalAddress: {
      name: { fi: "Postiosoite", en: "Postal address" },
      description: {
        fi: "Katuosoite, postinumero ja postitoimipaikka.",
        en: "Street address, postal code and city.",
      },
      purposeIds: ["keepRegister", "manageOrders", "customerRelationship", "ownAdvertising", "publishLists"],
      sources: ["registration", "customerNotice", "updateService"],
      // Invoices are sent to a postal address.
      recipients: ["controllerStaff", "financialAdministrationPartner"],
      retention: retentionText,
    },
    phone: {
      name: { fi: "Puhelinnumero", en: "Phone number" },
      description: { fi: "Puhelinnumero yhteydenpitoa varten.", en: "Phone number for contacting you." },
      purposeIds: ["keepRegister", "manageOrders", "customerRelationship"],
      sources: ["registration", "customerNotice", "updateService"],
      recipients: ["controllerStaff"],
      retention: retentionText,
    },
    www: {
      name: { fi: "www-osoite", en: "Web address" },
      description: {
        fi: "Henkilön tai hänen edustamansa yhteisön www-osoite.",
        en: "The web address of the person or of the organisation they represent.",
      },
      purposeIds: ["keepRegister", "customerRelationship"],
      sources: ["registration", "customerNotice"],
      recipients: ["controllerStaff"],
      retention: retentionText,
    },
    ipAddress: {
      name: { fi: "IP-numero", en: "IP number" },
      description: {
        fi: "IP-osoite, joka tallentuu, kun käytät verkkopalvelujamme tai yhteistyökumppaneidemme palveluja.",
        en: "The IP address recorded when you use our web services or our partners' services.",
      },
      purposeIds: ["developBusiness", "statistics", "targetedContent"],
      sources: ["registration", "partnerDigital"],
      recipients: ["controllerStaff"],
      retention: retentionText,
    },
    orders: {
      name: { fi: "Aikaisemmat tilaukset", en: "Earlier orders" },
      description: { fi: "Tiedot aikaisemmista tilauksista.", en: "Details of earlier orders." },
      purposeIds: [
        "manageOrders",
        "customerRelationship",
        "developBusiness",
        "statistics",
        "targetedContent",
        "ownAdvertising",
      ],
      sources: ["customerNotice", "subcontractor"],
      // Orders are invoiced.
      recipients: ["controllerStaff", "financialAdministrationPartner"],
      retention: retentionText,
    },
    billing: {
      name: { fi: "Laskutustiedot", en: "Billing data" },
      description: {
        fi: "Laskutusnimi ja -osoite, verkkolaskuosoite, maksuehto sekä laskut ja niiden maksutilanne.",
        en: "Billing name and address, e-invoice address, payment terms, and invoices with their payment status.",
      },
      purposeIds: ["manageOrders", "customerRelationship"],
      sources: ["registration", "customerNotice"],
      recipients: ["controllerStaff", "financialAdministrationPartner"],
      // Open invoices and debt collection block erasure (the notice's disclosures section).
      retention: {
        fi: `${retentionText.fi} Avoimet laskut, perintä tai lainsäädäntö voivat estää tietojen poistamisen.`,
        en: `${retentionText.en} Open invoices, debt collection or the law can prevent erasure.`,
      },
    },
  },
  sources: {
    registration: {
      name: { fi: "Asiakkaan rekisteröityminen", en: "Your registration" },
      description: {
        fi: "Tiedot, jotka asiakas antaa rekisteröityessään.",
        en: "Data you give when you register as a customer.",
      },
    },
    customerNotice: {
      name: { fi: "Asiakkaan ilmoitukset", en: "Your notices" },
      description: {
        fi: "Ilmoitukset, jotka asiakas tekee asiakassuhteen aikana, myös tässä palvelussa tehdyt muutokset.",
        en: "Notices you give during the customer relationship, including changes you make in this service.",
      },
    },
    updateService: {
      name: { fi: "Päivityspalvelut", en: "Update services" },
      description: {
        fi: "Nimi- ja yhteystietojen päivitykset päivityspalveluja tarjoavilta viranomaisilta ja yrityksiltä.",
        en: "Updates to names and contact details from authorities and companies that offer update services.",
      },
    },
    subcontractor: {
      name: { fi: "Alihankkijat", en: "Subcontractors" },
      description: {
        fi: "Alihankkijat, jotka liittyvät palvelun käyttämiseen tai tuottamiseen.",
        en: "Subcontractors involved in using or producing the service.",
      },
    },
    partnerDigital: {
      name: { fi: "Yhteistyökumppaneiden digitaaliset palvelut", en: "Partners' digital services" },
      description: {
        fi:
          "Tiedot asiakkaan muista toimista digitaalisessa ympäristössä: yhteistyökumppaneiden sivustot, " +
          "tietojärjestelmät tai muut digitaaliset lähteet, joihin kirjaudutaan sähköisen kutsun (linkin) kautta, " +
          "evästeiden kautta tai asiakkaille annetuilla tunnuksilla.",
        en:
          "Data about your other actions in digital environments: partners' websites, information systems or other " +
          "digital sources you sign in to through an electronic invitation (link), through cookies or with " +
          "credentials given to customers.",
      },
    },
  },
  recipients: {
    controllerStaff: {
      name: { fi: "Rekisterinpitäjän henkilöstö", en: "The controller's staff" },
      description: {
        fi:
          "Määrätyt työntekijät, joilla on henkilökohtainen käyttäjätunnus ja jotka ovat allekirjoittaneet " +
          "salassapitositoumuksen.",
        en: "Named employees who each have a personal user account and have signed a confidentiality commitment.",
      },
    },
    financialAdministrationPartner: {
      name: { fi: "Ulkoistuskumppani (taloushallinto)", en: "Outsourcing partner (financial administration)" },
      description: {
        fi:
          "Taloushallinnon ulkoistuskumppani soveltuvin osin laskutukseen, perintään ja luottohakemuksiin " +
          "liittyvissä asioissa.",
        en:
          "The outsourced financial administration partner, where relevant, for invoicing, debt collection and " +
          "credit applications.",
      },
    },
  },
  disclosures: {
    fi:
      "Asiakasrekisterin tiedot ovat ainoastaan organisaation käytössä, paitsi käytettäessä ulkoista " +
      "palveluntarjoajaa joko lisäarvopalvelun tuottamiseen tai luottopäätöksen tueksi. Tietoja ei luovuteta " +
      "rekisterinpitäjän ulkopuolelle tai sen yhteistyökumppaneiden käyttöön, paitsi luottohakemukseen, perintään " +
      "tai laskutukseen liittyvissä asioissa sekä lainsäädännön velvoittaessa. Organisaatio saattaa käyttää " +
      "asiakassuhteen ylläpitämiseen yhteistyökumppaneita, jolloin osia rekisteritiedoista saatetaan siirtää " +
      "yhteistyökumppanin palvelimille teknisten vaatimusten vuoksi.",
    en:
      "Data in the customer register is used only by the organisation, except when an outside service provider is " +
      "used to provide a value-added service or to support a credit decision. Data is not disclosed outside the " +
      "controller or to its partners, except in matters of credit applications, debt collection or invoicing, or " +
      "where the law requires it. The organisation may use partners to maintain the customer relationship; parts " +
      "of the register data may then be moved to a partner's servers for technical reasons.",
  },
  transfersOutsideEea: {
    fi:
      "Henkilötietoja ei siirretä Euroopan unionin tai Euroopan talousalueen ulkopuolelle, ellei se ole " +
      "organisaation tai sen yhteistyökumppanin teknisen toteutuksen varmistamiseksi tarpeellista.",
    en:
      "Personal data is not transferred outside the European Union or the European Economic Area unless that is " +
      "necessary to ensure the technical implementation of the organisation or its partner.",
  },
  retention: { years: 10, relationshipEndsAfterMonths: DEFAULT_RELATIONSHIP_ENDS_AFTER_MONTHS, text: retentionText },
  security: {
    manual: {
      fi:
        "Asiakastapahtumissa kerättävät yhteystiedot ja muut manuaalisesti käsiteltävät asiakastietoja sisältävät " +
        "asiakirjat säilytetään alkukäsittelyn jälkeen lukituissa ja paloturvallisissa säilytystiloissa. Ainoastaan " +
        "määrätyillä, salassapitositoumuksen allekirjoittaneilla työntekijöillä on oikeus käsitellä manuaalisesti " +
        "tallennettuja asiakastietoja. Rekisterin tietojen suojaamisessa ja käsittelyssä noudatetaan tietosuojalain " +
        "säännöksiä ja periaatteita, viranomaisten määräyksiä sekä hyvää tietojenkäsittelytapaa.",
      en:
        "Contact details collected at customer events and other documents with customer data that are handled on " +
        "paper are kept, after initial handling, in locked, fire-safe storage. Only named employees who have signed " +
        "a confidentiality commitment may handle customer data stored on paper. The data is protected and processed " +
        "in line with data protection law, the authorities' regulations and good data processing practice.",
    },
    it: {
      fi:
        "Ainoastaan määrätyillä organisaation ja sen lukuun toimivien yritysten työntekijöillä on oikeus käyttää " +
        "asiakasrekisteriä ja ylläpitää sen tietoja. Kullakin käyttäjällä on oma henkilökohtainen käyttäjätunnus ja " +
        "salasana. Jokainen käyttäjä on allekirjoittanut salassapitositoumuksen. Järjestelmä on suojattu " +
        "palomuurilla, joka suojaa ulkopuolelta tulevia yhteydenottoja järjestelmään. Rekisterin tietojen " +
        "suojaamisessa ja käsittelyssä noudatetaan tietosuojalain säännöksiä ja periaatteita, viranomaisten " +
        "määräyksiä sekä hyvää tietojenkäsittelytapaa.",
      en:
        "Only named employees of the organisation and of companies working on its behalf may use the customer " +
        "register and maintain its data. Each user has a personal user name and password. Every user has signed a " +
        "confidentiality commitment. The system is protected by a firewall against connections from outside. The " +
        "data is protected and processed in line with data protection law, the authorities' regulations and good " +
        "data processing practice.",
    },
  },
  cookies: {
    text: {
      fi:
        "Käytämme sivuillamme evästeitä. Eväste on pieni tekstitiedosto, joka lähetetään käyttäjän tietokoneelle ja " +
        "säilytetään siellä. Evästeet eivät vahingoita käyttäjien tietokoneita tai tiedostoja. Evästeiden käytön " +
        "ensisijaisena tarkoituksena on parantaa ja mukauttaa vierailijan käyttökokemusta sivustolla sekä analysoida " +
        "ja parantaa sivuston toimivuutta ja sisältöä. Evästeiden avulla kerättyjä tietoja voidaan myös hyödyntää " +
        "viestinnän ja markkinoinnin kohdentamisessa sekä markkinointitoimenpiteiden optimoinnissa. Vierailijaa ei " +
        "voida tunnistaa pelkkien evästeiden avulla, mutta niiden avulla saatua tietoa voidaan liittää käyttäjältä " +
        "muussa yhteydessä saatuihin tietoihin, esimerkiksi kun hän täyttää lomakkeen sivustollamme. Voit koska " +
        "tahansa estää evästeiden käytön muuttamalla selaimesi asetuksia; useimmissa selaimissa voi kytkeä evästeet " +
        "pois ja poistaa jo tallennetut evästeet. Evästeiden estäminen saattaa vaikuttaa sivuston toimintaan.",
      en:
        "Our website uses cookies. A cookie is a small text file sent to and stored on the user's computer. Cookies " +
        "do not harm users' computers or files. Their main purpose is to improve and tailor the visitor's experience " +
        "of the site and to analyse and improve how the site works and what it offers. Data collected with cookies " +
        "may also be used to target communication and marketing and to optimise marketing. A visitor cannot be " +
        "identified from cookies alone, but data from cookies may be combined with data the user gives elsewhere, " +
        "for example when filling in a form on our site. You can block cookies at any time in your browser " +
        "settings; most browsers let you turn cookies off and delete cookies already stored. Blocking cookies may " +
        "affect how the site works.",
    },
    collected: [
      { fi: "vierailijan IP-osoite", en: "the visitor's IP address" },
      { fi: "vierailun ajankohta", en: "the time of the visit" },
      { fi: "selatut sivut ja sivujen katseluajat", en: "the pages viewed and how long each was viewed" },
      { fi: "vierailijan selain", en: "the visitor's browser" },
    ],
    analytics: {
      fi:
        "Sivustolta kerätään käyttöstatistiikkaa Google Analytics -palveluun sivuston seurantaa, kehittämistä ja " +
        "markkinoinnin suunnittelua varten. Kerättävästä datasta ei voida yksilöidä tietoja yksittäiseen käyttäjään " +
        "tai henkilöön. Lisäksi sivustolla kerätään kohderyhmä- ja aihepiiritietoja (Google Analytics " +
        "Demographics), joilla tallennetaan käyttäjästä muun muassa ikä, sukupuoli ja kiinnostuksen aihepiirit. " +
        "Näiden tietojen keräämisen asetuksia voit muuttaa Google-tililläsi osoitteessa " +
        "https://www.google.com/settings/ads. Google Analytics -seurannan voit halutessasi ottaa pois käytöstä " +
        "Chrome-selaimen lisäosalla.",
      en:
        "The site collects usage statistics with Google Analytics to monitor and develop the site and to plan " +
        "marketing. The data collected cannot be linked to an individual user or person. The site also collects " +
        "audience and interest data (Google Analytics Demographics), which records, among other things, the user's " +
        "age, gender and interests. You can change the settings for this collection in your Google account at " +
        "https://www.google.com/settings/ads. You can turn off Google Analytics tracking with a Chrome browser " +
        "add-on.",
    },
  },
  // The notice leaves this field empty; stating the fact is what Art. 13(2)(f) asks for.
  automatedDecisionMaking: {
    fi:
      "Henkilötietoja ei käytetä automaattiseen päätöksentekoon eikä profilointiin, jolla olisi rekisteröityä " +
      "koskevia oikeusvaikutuksia tai muita vastaavia merkittäviä vaikutuksia.",
    en:
      "Personal data is not used for automated decision-making or for profiling that has legal or similarly " +
      "significant effects on you.",
  },
  rights: [
    {
      id: "access",
      article: "15",
      title: { fi: "Tarkastusoikeus", en: "Right of access" },
      text: {
        fi:
          "Rekisteröidyllä on oikeus tarkistaa, mitä tietoja hänestä on rekisterissä. Pyynnön voi tehdä suomeksi tai " +
          "englanniksi. Tässä palvelussa näet kirjautuneena kaikki sinusta tallennetut tiedot, tilauksesi, " +
          "laskutustietosi, pyyntösi ja valintasi historioineen sekä kunkin tiedon lähteen, vastaanottajat, " +
          "käyttötarkoituksen ja säilytysajan. Näet myös, ketkä henkilökunnasta ovat katsoneet tietojasi. " +
          "Kirjautuminen korvaa pyynnön allekirjoituksen. Voit tehdä allekirjoitetun kirjallisen tarkastuspyynnön " +
          "myös rekisterinpitäjän asiakaspalveluun tai rekisterin yhteyshenkilölle.",
        en:
          "You have the right to check what data the register holds about you. You can make the request in Finnish " +
          "or English. Signed in to this service, you see every stored detail about you, your orders, your billing " +
          "data, your requests and choices with their history, and for each detail where it came from, who receives " +
          "it, why it is kept and for how long. You also see which staff members have viewed your data. Signing in " +
          "replaces the signature on a request. You can also send a signed written request to the controller's " +
          "customer service or the register's contact person.",
      },
    },
    {
      id: "portability",
      article: "20",
      title: { fi: "Oikeus siirtää tiedot järjestelmästä toiseen", en: "Right to data portability" },
      text: {
        fi:
          "Rekisteröidyllä on oikeus siirtää omat tietonsa järjestelmästä toiseen. Tässä palvelussa voit ladata " +
          "tietosi koneluettavassa muodossa (JSON, jolle on julkaistu JSON Schema -kuvaus, sekä CSV) ja ihmisen " +
          "luettavana asiakirjana. Siirtopyynnön voi osoittaa myös rekisterin yhteyshenkilölle.",
        en:
          "You have the right to move your data from one system to another. In this service you can download your " +
          "data in a machine-readable format (JSON with a published JSON Schema, and CSV) and as a document for " +
          "people to read. You can also send a portability request to the register's contact person.",
      },
    },
    {
      id: "rectification",
      article: "16, 19",
      title: { fi: "Oikeus vaatia tiedon korjaamista", en: "Right to rectification" },
      text: {
        fi:
          "Rekisterissä oleva, käsittelyn tarkoituksen kannalta virheellinen, tarpeeton, puutteellinen tai " +
          "vanhentunut henkilötieto on oikaistava, poistettava tai täydennettävä. Pyynnössä tulee yksilöidä, mitä " +
          "tietoja vaaditaan korjattavaksi ja millä perusteella. Korjaaminen toteutetaan viivytyksettä. Tässä " +
          "palvelussa voit korjata yhteystietosi itse; muista tiedoista, kuten nimestä, organisaatiosta ja " +
          "laskutustiedoista, teet perustellun korjauspyynnön, jonka henkilökunta käsittelee. Virheen korjaamisesta " +
          "ilmoitetaan sille, jolta virheelliset tiedot on saatu tai jolle tiedot on luovutettu. Jos korjauspyyntö " +
          "evätään, saat palveluun kirjallisen selvityksen epäämisen syistä, ja voit saattaa asian " +
          "tietosuojavaltuutetun ratkaistavaksi.",
        en:
          "Personal data in the register that is wrong, unnecessary, incomplete or out of date for the purpose of " +
          "processing must be corrected, removed or completed. Your request must say which data should be corrected " +
          "and why. Corrections are made without delay. In this service you can correct your contact details " +
          "yourself; for other data, such as your name, organisation and billing data, you make a correction request " +
          "with a reason, which staff review. The party the wrong data came from, or was disclosed to, is told about " +
          "the correction. If your request is refused, you get a written statement of the reasons in this service, " +
          "and you can take the matter to the Data Protection Ombudsman.",
      },
    },
    {
      id: "restriction",
      article: "18",
      title: { fi: "Rajoittamisoikeus", en: "Right to restriction of processing" },
      text: {
        fi:
          "Rekisteröidyllä on oikeus pyytää tietojenkäsittelyn rajoittamista esimerkiksi silloin, kun rekisterissä " +
          "olevat henkilötiedot ovat virheelliset. Voit tehdä rajoituspyynnön tässä palvelussa tai rekisterin " +
          "vastuuhenkilölle. Rajoituksen aikana tietojasi ei käytetä markkinointiin eikä luetteloihin, eikä niitä " +
          "muuteta muuten kuin pyynnön ratkaisemiseksi. Saat tiedon ennen kuin rajoitus poistetaan.",
        en:
          "You have the right to ask for processing to be restricted, for example while personal data in the " +
          "register is wrong. You can ask for a restriction in this service or from the person responsible for the " +
          "register. While processing is restricted, your data is not used for marketing or lists and is not " +
          "changed except to resolve the request. You are told before a restriction is lifted.",
      },
    },
    {
      id: "objection",
      article: "21",
      title: { fi: "Vastustamisoikeus", en: "Right to object" },
      text: {
        fi:
          "Rekisteröidyllä on oikeus kieltää tietojensa käsittely ja luovuttaminen suoramainontaa, etämyyntiä ja " +
          "muuta suoramarkkinointia sekä markkina- ja mielipidetutkimusta varten. Hänellä on myös oikeus kieltää " +
          "tietojensa julkaiseminen luetteloissa, kuten postitustarroissa. Tässä palvelussa kiellot ovat " +
          "valintoja, jotka tulevat voimaan heti, ja jokainen muutos tallennetaan ajankohtineen. Kiellon voi tehdä " +
          "myös rekisterinpitäjän asiakaspalveluun tai rekisterin yhteyshenkilölle.",
        en:
          "You have the right to forbid processing and disclosure of your data for direct advertising, distance " +
          "selling and other direct marketing, and for market and opinion research. You may also forbid publishing " +
          "your data in lists such as mailing labels. In this service these are switches that take effect at once, " +
          "and every change is recorded with its time. You can also tell the controller's customer service or the " +
          "register's contact person.",
      },
    },
    {
      id: "erasure",
      article: "17",
      title: { fi: "Oikeus tulla unohdetuksi", en: "Right to erasure (right to be forgotten)" },
      text: {
        fi:
          "Rekisteröidyllä on oikeus pyytää henkilötietojensa poistamista. Tiedot hävitetään pyynnöstä, ellei " +
          "lainsäädäntö, avoimet laskut tai perintätoimet estä tietojen poistamista. Voit tehdä poistopyynnön tässä " +
          "palvelussa, ja näet, estääkö jokin peruste poistamisen. Poisto toteutetaan anonymisoimalla: " +
          "kirjanpidon tositteet säilyvät ilman henkilötietoja. Pyynnön voi osoittaa myös rekisterin " +
          "yhteyshenkilölle.",
        en:
          "You have the right to ask for your personal data to be erased. The data is destroyed on request unless " +
          "the law, open invoices or debt collection prevent it. You can ask for erasure in this service and see " +
          "whether any ground prevents it. Erasure is carried out by anonymisation: bookkeeping records are kept " +
          "without personal data. You can also send the request to the register's contact person.",
      },
    },
    {
      // Not a separate GDPR right: the notice promises it, and the portal delivers it through the erasure path.
      id: "anonymisation",
      article: "17",
      title: { fi: "Oikeus vaatia tietojen anonymisointia", en: "Right to demand anonymisation" },
      text: {
        fi:
          "Rekisteröidyllä on oikeus vaatia tietojensa anonymisointia soveltuvin osin. Anonymisointia pyydetään " +
          "tässä palvelussa samalla tavalla kuin tietojen poistamista, ja samat esteet koskevat sitä.",
        en:
          "You have the right to demand that your data be anonymised where applicable. You ask for anonymisation in " +
          "this service in the same way as for erasure, and the same limits apply.",
      },
    },
    {
      id: "complaint",
      article: "77",
      title: {
        fi: "Oikeus tehdä valitus valvontaviranomaiselle",
        en: "Right to lodge a complaint with the supervisory authority",
      },
      text: {
        fi:
          "Mikäli katsot, että sinua koskevassa henkilötietojen käsittelyssä on rikottu tietosuoja-asetusta, sinulla " +
          "on oikeus tehdä kantelu valvontaviranomaiselle. Valvontaviranomaisen yhteystiedot näkyvät tässä " +
          "palvelussa ja jokaisessa pyynnön epäämistä koskevassa päätöksessä.",
        en:
          "If you think that processing of your personal data breaks the General Data Protection Regulation, you " +
          "have the right to make a complaint to the supervisory authority. The authority's contact details are " +
          "shown in this service and in every decision that refuses a request.",
      },
    },
  ],
  supervisoryAuthority: {
    name: { fi: "Tietosuojavaltuutetun toimisto", en: "Office of the Data Protection Ombudsman" },
    postalAddress: "PL 800, 00521 Helsinki",
    visitingAddress: "Ratapihantie 9, 00521 Helsinki",
    phone: "+358 29 566 6700",
    email: "tietosuoja@om.fi",
    web: "https://tietosuoja.fi",
    complaintText: {
      fi:
        "Kantelun voit tehdä kansalliselle valvontaviranomaiselle tai siinä jäsenvaltiossa, jossa sinulla on " +
        "vakinainen asuinpaikka tai työpaikka.",
      en:
        "You can complain to the national supervisory authority, or in the EU member state where you normally live " +
        "or work.",
    },
  },
  organisationContactPersonRule: {
    fi: "Mikäli toimit yrityksen tai organisaation yhteyshenkilönä, tietojasi ei voida poistaa tänä aikana.",
    en: "While you act as a company's or organisation's contact person, your data cannot be erased.",
  },
};

/** Data categories in their canonical order (the order of `dataCategoryIds`), for rendering and exports. */
export function categoriesInOrder(): DataCategoryId[] {
  return [...dataCategoryIds];
}

/** The distinct legal bases of a data category's purposes, in the order the purposes are listed. */
export function legalBasesOf(category: DataCategoryId): LegalBasis[] {
  const bases = new Map<string, LegalBasis>();
  for (const purpose of purposesOf(category)) bases.set(purpose.legalBasis.article, purpose.legalBasis);
  return [...bases.values()];
}

/** The purposes a data category is processed for, in the order the notice lists purposes. */
export function purposesOf(category: DataCategoryId): RegisterDescription["purposes"] {
  const ids = registerDescription.dataCategories[category].purposeIds;
  return registerDescription.purposes.filter((purpose) => ids.includes(purpose.id));
}
