import { ErrorMessage, Loading } from "@tietoni/ui";
import { Link } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useContactDetails } from "../api/get-contact-details.ts";
import { useI18n } from "../messages.ts";
import { ContactHistory } from "./contact-history.tsx";
import { EmailChangeForm } from "./email-change-form.tsx";
import { PostalAddressForm } from "./postal-address-form.tsx";
import { phoneField, SingleFieldForm, wwwField } from "./single-field-form.tsx";

/** The contact fields the customer edits directly, the e-mail change, and the history of changes. */
export function ContactDetails() {
  const { t } = useI18n();
  const profile = useContactDetails();

  return (
    <>
      <h1>{t("contactTitle")}</h1>
      <p>{t("contactIntro")}</p>
      {profile.isPending && <Loading />}
      {profile.isError && <ErrorMessage code="server_error" />}
      {profile.data && (
        <>
          <EmailChangeForm current={profile.data.email} />
          <SingleFieldForm field={phoneField} current={profile.data.phone} />
          <PostalAddressForm current={profile.data.postalAddress} />
          <SingleFieldForm field={wwwField} current={profile.data.www} />
          <section aria-labelledby="contact-other-heading">
            <h2 id="contact-other-heading">{t("contactOtherHeading")}</h2>
            <p>{t("contactOtherText")}</p>
            <p>
              <Link to={`${paths.newRequest}?type=rectification`}>{t("contactCorrectionLink")}</Link>
            </p>
          </section>
          <ContactHistory />
        </>
      )}
    </>
  );
}
