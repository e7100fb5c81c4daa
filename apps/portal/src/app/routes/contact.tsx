import { ContactDetails } from "../../features/contact/components/contact-details.tsx";
import { useI18n } from "../../features/contact/messages.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  usePageTitle(t("contactTitle"));
  return <ContactDetails />;
}
