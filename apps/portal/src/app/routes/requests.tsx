import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { RequestsList } from "../../features/requests/components/requests-list.tsx";
import { useI18n } from "../../features/requests/messages.ts";
import { readRequestSent } from "../../features/requests/utils/request-sent.ts";
import { usePageTitle } from "../use-page-title.ts";

export function Component() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  // Read once and then dropped from history: the confirmation belongs to the visit that sent the request.
  const [sent] = useState(() => readRequestSent(location.state));
  useEffect(() => {
    if (location.state !== null) navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);
  usePageTitle(t("requestsTitle"));
  return <RequestsList sent={sent} />;
}
