import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the requests feature (fi/en). */
export const requestsMessages = {
  // The list
  requestsTitle: { fi: "Pyynnöt", en: "Requests" },
  requestsIntro: {
    fi: "Täällä näet pyyntösi ja niiden käsittelyn vaiheen. Vastaamme jokaiseen pyyntöön viimeistään kuukauden kuluessa sen saapumisesta. Jos pyyntö on erityisen monimutkainen, voimme jatkaa käsittelyaikaa enintään kahdella kuukaudella, ja kerromme silloin syyn.",
    en: "Here you can see your requests and where they stand. We answer every request within one month of receiving it at the latest. If a request is particularly complex we may extend this by up to two months, and we then tell you why.",
  },
  requestsNewLink: { fi: "Tee uusi pyyntö", en: "Make a new request" },
  requestsErasureLink: { fi: "Pyydä tietojesi poistamista", en: "Ask for your data to be erased" },
  requestsNone: { fi: "Sinulla ei ole pyyntöjä.", en: "You have no requests." },
  requestsListHeading: { fi: "Omat pyyntösi", en: "Your requests" },
  requestsSent: {
    fi: "Pyyntösi ({type}) on lähetetty. Vastaamme viimeistään {date}.",
    en: "Your request ({type}) has been sent. We will answer by {date} at the latest.",
  },
  requestsState: { fi: "Tila", en: "Status" },
  requestsReceived: { fi: "Vastaanotettu", en: "Received" },
  requestsDue: { fi: "Vastaamme viimeistään", en: "Answer due by" },
  requestsDaysLeft: { fi: "Aikaa jäljellä", en: "Time left" },
  requestsDaysLeftMany: { fi: "{days} päivää", en: "{days} days" },
  requestsDaysLeftOne: { fi: "1 päivä", en: "1 day" },
  requestsDueToday: { fi: "Määräaika päättyy tänään", en: "Due today" },
  requestsOverdue: { fi: "Määräaika ylittynyt {days} päivällä", en: "Overdue by {days} days" },
  requestsChannel: { fi: "Tullut", en: "Received through" },
  requestsChannelPortal: { fi: "Omat tiedot -palvelu", en: "This self-service" },
  requestsChannelPaper: { fi: "Kirjeitse", en: "By letter" },
  requestsChannelEmail: { fi: "Sähköpostitse", en: "By e-mail" },
  requestsCorrectionField: { fi: "Korjattava tieto", en: "Data to correct" },
  requestsCorrectionCurrent: { fi: "Nykyinen arvo", en: "Current value" },
  requestsCorrectionNew: { fi: "Oikea arvo", en: "Correct value" },
  requestsCorrectionReason: { fi: "Perustelu", en: "Reason" },
  requestsGround: { fi: "Peruste", en: "Ground" },
  requestsText: { fi: "Pyyntösi", en: "Your request" },
  requestsExtendedHeading: { fi: "Käsittelyaikaa jatkettu", en: "Time extended" },
  requestsExtendedText: {
    fi: "Käsittelyaikaa on jatkettu {months} kuukaudella. Uusi määräpäivä on {date}.",
    en: "The time to answer has been extended by {months} months. The new due date is {date}.",
  },
  requestsExtensionReasons: { fi: "Syy jatkamiseen", en: "Why the time was extended" },
  requestsDecision: { fi: "Ratkaisu", en: "Decision" },
  requestsDecidedAt: { fi: "Ratkaistu {date}", en: "Decided on {date}" },
  // Art. 19: who was told of the change (issue 13)
  requestsToldHeading: { fi: "Vastaanottajat, joille muutoksesta kerrottiin", en: "Recipients told of this change" },
  requestsToldOwnHeading: {
    fi: "Vastaanottajat, joille kerrottiin itse tekemistäsi muutoksista",
    en: "Recipients told of changes you made yourself",
  },
  requestsToldOwnIntro: {
    fi: "Kun muutat tietojasi, kerromme muutoksesta niille, joille tiedot on luovutettu, ja taholle, jolta ne saatiin.",
    en: "When you change your data, we tell those it was disclosed to and the party it came from.",
  },
  requestsToldOn: { fi: "kerrottu {date}", en: "told on {date}" },
  requestsToldPending: { fi: "kerrotaan pian", en: "to be told shortly" },
  requestsRefusalHeading: {
    fi: "Kirjallinen selvitys epäämisen syistä",
    en: "Written statement of the reasons for refusal",
  },
  requestsComplaintHeading: {
    fi: "Voit viedä asian tietosuojavaltuutetulle",
    en: "You can take the matter to the Ombudsman",
  },
  requestsComplaintText: {
    fi: "Jos olet eri mieltä ratkaisusta, voit tehdä kantelun tietosuojavaltuutetulle.",
    en: "If you disagree with the decision, you can lodge a complaint with the Data Protection Ombudsman.",
  },
  requestsPostalAddress: { fi: "Postiosoite", en: "Postal address" },
  requestsVisitingAddress: { fi: "Käyntiosoite", en: "Visiting address" },
  requestsPhone: { fi: "Puhelin", en: "Phone" },
  requestsEmail: { fi: "Sähköposti", en: "E-mail" },
  requestsWeb: { fi: "Verkkosivut", en: "Website" },
  requestsCancel: { fi: "Peru pyyntö", en: "Cancel request" },
  requestsCancelConfirm: {
    fi: "Haluatko varmasti perua tämän pyynnön? Perumista ei voi kumota, mutta voit tehdä uuden pyynnön.",
    en: "Do you really want to cancel this request? This cannot be undone, but you can make a new request.",
  },
  requestsCancelYes: { fi: "Kyllä, peru pyyntö", en: "Yes, cancel the request" },
  requestsCancelNo: { fi: "Ei, jätä pyyntö voimaan", en: "No, keep the request" },
  requestsCancelling: { fi: "Perutaan…", en: "Cancelling…" },
  requestsCancelled: { fi: "Pyyntö ({type}) peruttiin.", en: "The request ({type}) was cancelled." },
  requestsRestrictionHeading: { fi: "Tietojesi käsittely on rajoitettu", en: "Processing of your data is restricted" },
  requestsRestrictionText: {
    fi: "Tietojesi käsittelyä on rajoitettu {date} alkaen. Peruste: {ground}.",
    en: "Processing of your data has been restricted since {date}. Ground: {ground}.",
  },
  requestsRestrictionEffect: {
    fi: "Rajoituksen aikana tietojasi säilytetään, mutta niitä ei käytetä markkinointiin eikä luovuteta, eikä niitä muuteta muuten kuin pyyntösi ratkaisemiseksi. Kerromme sinulle ennen kuin rajoitus poistetaan.",
    en: "While the restriction is in force your data is kept but not used for marketing or disclosed, and it is not changed except to resolve your request. We tell you before the restriction is lifted.",
  },
  requestsRestrictionCorrection: {
    fi: "Voit silti pyytää tietojesi korjaamista. Jos rajoitus perustuu siihen, että kiistät tietojesi paikkansapitävyyden, hyväksytty korjaus myös päättää rajoituksen, ja kerromme siitä ratkaisun yhteydessä.",
    en: "You can still ask for your data to be corrected. If the restriction rests on your contesting the accuracy of your data, an approved correction also ends the restriction, and we tell you so with the decision.",
  },
  requestsRestrictionCorrectionLink: { fi: "Pyydä tietojen korjaamista", en: "Ask for a correction" },
  // Issue 13: when the customer was told (the notice reached them, or staff told them another way).
  requestsRestrictionLiftNotice: {
    fi: "Sinulle ilmoitettiin {date}, että rajoitus poistetaan.",
    en: "You were told on {date} that the restriction will be lifted.",
  },
  requestsEndedRestrictionsHeading: { fi: "Päättyneet rajoitukset", en: "Restrictions that have ended" },
  requestsEndedRestriction: {
    fi: "Käsittelyä rajoitettiin {since} alkaen (peruste: {ground}). Rajoitus päättyi {date}.",
    en: "Processing was restricted from {since} (ground: {ground}). The restriction ended on {date}.",
  },
  requestsEndedRestrictionReason: { fi: "Syy: {reason}.", en: "Reason: {reason}." },

  // New request
  requestsNewTitle: { fi: "Uusi pyyntö", en: "New request" },
  requestsNewIntro: {
    fi: "Kun lähetät pyynnön täällä, kirjautumisesi korvaa allekirjoituksen: pyyntö kirjataan sinun tekemäksesi. Vastaamme kuukauden kuluessa.",
    en: "When you send a request here, your sign-in replaces a signature: the request is recorded as made by you. We answer within one month.",
  },
  requestsKindLegend: { fi: "Mitä haluat pyytää?", en: "What would you like to request?" },
  requestsKindRectification: {
    fi: "Nimen, organisaation tai laskutustietojen korjaamista",
    en: "Correction of my name, organisation or billing data",
  },
  requestsKindRectificationHint: {
    fi: "Puhelinnumeron, postiosoitteen, WWW-osoitteen ja sähköpostiosoitteen voit muuttaa itse yhteystiedoissa.",
    en: "You can change your phone number, postal address, web address and e-mail address yourself under contact details.",
  },
  requestsKindRectificationRestricted: { fi: "Tietojeni korjaamista", en: "Correction of my data" },
  requestsKindRectificationRestrictedHint: {
    fi: "Tietojesi käsittely on rajoitettu, joten et voi nyt muuttaa yhteystietojasi itse. Voit pyytää niiden korjaamista tällä pyynnöllä, kuten muidenkin tietojen.",
    en: "Processing of your data is restricted, so you cannot change your contact details yourself now. You can ask for them to be corrected with this request, like any other data.",
  },
  requestsKindRestriction: { fi: "Tietojeni käsittelyn rajoittamista", en: "Restriction of the processing of my data" },
  requestsKindObjection: { fi: "Vastustan tietojeni käsittelyä", en: "I object to the processing of my data" },
  requestsKindObjectionHint: {
    fi: "Suoramarkkinoinnin voit kieltää heti markkinointiasetuksista.",
    en: "You can forbid direct marketing at once in the marketing settings.",
  },
  requestsKindOther: { fi: "Muu pyyntö", en: "Another request" },
  requestsErasureHint: {
    fi: "Tietojen poistamista pyydetään omalla sivullaan, jossa näet ensin, mikä poistamisen voi estää.",
    en: "Erasure is requested on a page of its own, where you first see what may prevent it.",
  },
  requestsContactLink: { fi: "Yhteystiedot", en: "Contact details" },
  requestsMarketingLink: { fi: "Markkinointiasetukset", en: "Marketing settings" },
  requestsFieldLabel: { fi: "Korjattava tieto", en: "Data to correct" },
  requestsFieldChoose: { fi: "Valitse tieto", en: "Choose the data" },
  requestsNewValueLabel: { fi: "Oikea tieto", en: "The correct data" },
  requestsNewValueHint: { fi: "Kirjoita tieto sellaisena kuin sen pitäisi olla.", en: "Write it as it should be." },
  requestsReasonLabel: { fi: "Perustelu", en: "Reason" },
  requestsReasonHint: {
    fi: "Kerro, miksi nykyinen tieto on väärä, vanhentunut tai puutteellinen.",
    en: "Tell us why the current data is wrong, outdated or incomplete.",
  },
  requestsGroundLegend: { fi: "Rajoittamisen peruste", en: "Ground for restriction" },
  requestsRestrictionTextLabel: { fi: "Lisätietoja (vapaaehtoinen)", en: "More details (optional)" },
  requestsFreeTextLabel: { fi: "Pyyntösi", en: "Your request" },
  requestsFreeTextHint: {
    fi: "Kerro, mitä pyydät ja miksi. Voit kirjoittaa suomeksi tai englanniksi.",
    en: "Tell us what you are asking for and why. You may write in Finnish or English.",
  },
  requestsSend: { fi: "Lähetä pyyntö", en: "Send request" },
  requestsSending: { fi: "Lähetetään…", en: "Sending…" },
  requestsBackToList: { fi: "Takaisin pyyntöihin", en: "Back to requests" },

  // Erasure
  requestsErasureTitle: { fi: "Tietojen poistaminen", en: "Erasure of your data" },
  requestsErasureIntro: {
    fi: "Voit pyytää, että tietosi poistetaan rekisteristä. Asiakaspalvelu käsittelee pyynnön ja toteuttaa poistamisen anonymisoimalla: nimesi, yhteystietosi ja muut sinut yksilöivät tiedot hävitetään, ja vain laissa vaaditut tiedot säilyvät ilman henkilötietoja.",
    en: "You can ask for your data to be erased from the register. Customer service handles the request and carries out erasure by anonymisation: your name, contact details and everything else that identifies you are destroyed, and only what the law requires is kept, without personal data.",
  },
  requestsBlockersHeading: { fi: "Mikä estää poistamisen nyt", en: "What prevents erasure now" },
  requestsBlockersNone: {
    fi: "Tällä hetkellä mikään ei estä tietojesi poistamista.",
    en: "At the moment nothing prevents erasing your data.",
  },
  requestsBlockedNote: {
    fi: "Voit silti lähettää pyynnön. Tiedot, joita mikään peruste ei vaadi säilyttämään, poistetaan heti; muut, kun peruste päättyy. Asiakaspalvelu kertoo sinulle kirjallisesti, mitä säilytettiin, millä perusteella ja kuinka kauan.",
    en: "You can still send the request. Data no ground requires us to keep is erased at once; the rest when the ground ends. Customer service tells you in writing what was kept, on which ground and until when.",
  },
  requestsKeptHeading: { fi: "Mitä säilytetään poistamisen jälkeenkin", en: "What is kept even after erasure" },
  requestsKeptCaption: {
    fi: "Poistamisen jälkeenkin säilytettävät tiedot, säilyttämisen peruste ja säilytysaika",
    en: "Data kept after erasure, the rule that requires it and how long it is kept",
  },
  requestsKeptWhat: { fi: "Tieto", en: "Data" },
  requestsKeptRule: { fi: "Peruste", en: "Rule" },
  requestsKeptUntil: { fi: "Säilytetään", en: "Kept" },
  requestsKeptUntilDate: { fi: "{date} asti", en: "until {date}" },
  requestsKeptForever: { fi: "niin kauan kuin rekisteri on olemassa", en: "as long as the register exists" },
  // Issue 14 A — erasure to the extent required: before and after.
  requestsScopeHeading: { fi: "Mitä poistaminen tekisi nyt", en: "What an erasure would do now" },
  requestsScopeDoneHeading: {
    fi: "Poistettu {date} siltä osin kuin laki sallii",
    en: "Erased on {date} to the extent the law allows",
  },
  requestsScopeKeptCaption: {
    fi: "Säilytettävät tiedot perusteittain ja säilytysaika",
    en: "Data kept, by ground, and until when",
  },
  requestsScopeGround: { fi: "Peruste", en: "Ground" },
  requestsScopeKeptData: { fi: "Säilytettävät tiedot", en: "Data kept" },
  requestsScopeUntilGroundEnds: { fi: "kunnes peruste päättyy", en: "until the ground ends" },
  requestsScopeErasedHeading: { fi: "Poistetaan heti", en: "Erased at once" },
  requestsScopeErasedNone: {
    fi: "Peruste säilyttää kaikki tiedot; ne poistetaan, kun peruste päättyy.",
    en: "A ground keeps all the data; it is erased when the ground ends.",
  },
  requestsScopeErasedAlways: {
    fi: "Kirjautumishistoria, istunnot ja markkinointitiedot (markkinointi päättyy)",
    en: "Sign-in history, sessions and marketing data (marketing stops)",
  },
  requestsScopeRemainder: {
    fi: "Kun viimeinen peruste päättyy, loputkin tiedot poistetaan ilman uutta pyyntöä.",
    en: "When the last ground ends, the rest is erased without a new request.",
  },
  requestsScopeRemainderDone: {
    fi: "Loputkin tiedot poistettiin {date}.",
    en: "The rest was erased on {date}.",
  },
  requestsErasureFormHeading: { fi: "Lähetä poistopyyntö", en: "Send the erasure request" },
  requestsErasureTextLabel: { fi: "Lisätietoja (vapaaehtoinen)", en: "More details (optional)" },
  requestsLanguageHint: { fi: "Voit kirjoittaa suomeksi tai englanniksi.", en: "You may write in Finnish or English." },
  requestsErasureSend: { fi: "Lähetä poistopyyntö", en: "Send erasure request" },
} as const satisfies Record<string, Localized>;

/** The requests feature's texts with the app's, for its components and pages. */
export const { useI18n } = createI18n({ ...appMessages, ...requestsMessages });
