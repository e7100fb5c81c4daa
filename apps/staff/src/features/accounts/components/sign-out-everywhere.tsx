import { ErrorMessage, errorCode } from "@tietoni/ui";
import { useId } from "react";
import { useNavigate } from "react-router";
import { paths } from "../../../config/paths.ts";
import { useSignOutEverywhere } from "../api/sign-out-everywhere.ts";
import { useI18n } from "../messages.ts";

/** The signed-in person ends all of their own sessions (a forgotten session elsewhere, a lost device). */
export function SignOutEverywhere() {
  const { t } = useI18n();
  const signOut = useSignOutEverywhere();
  const navigate = useNavigate();
  const headingId = useId();
  const err = errorCode(signOut.error);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("accountsEverywhereHeading")}</h2>
      <p>{t("accountsEverywhereIntro")}</p>
      {err && <ErrorMessage code={err} />}
      <button
        type="button"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate(paths.signIn) })}
      >
        {signOut.isPending ? t("accountsEverywhereWorking") : t("accountsEverywhereButton")}
      </button>
    </section>
  );
}
