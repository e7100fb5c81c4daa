import { useQueryClient } from "@tanstack/react-query";
import { ApiError, ErrorMessage, Loading } from "@tietoni/ui";
import { useEffect } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { paths } from "../config/paths.ts";
import { sessionQueryOptions, useSession } from "../lib/session.ts";
import { mayOpen } from "./home.ts";
import { NoAccess } from "./no-access.tsx";

/**
 * Pages with personal data render only for a signed-in staff member; others go to sign-in. A session the BFF
 * limits to one step is sent to it, as the BFF refuses it the rest: first choosing an own password after an admin
 * set one, then enrolling in two-factor sign-in where the role requires it.
 */
export function RequireSession() {
  const session = useSession();
  const { pathname } = useLocation();
  const queryClient = useQueryClient();

  // A 403 totp_required or password_change_required means the cached session is out of date: re-read it, and
  // the redirect below follows.
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        const error = event.type === "updated" && event.action.type === "error" ? event.action.error : null;
        if (
          error instanceof ApiError &&
          (error.code === "totp_required" || error.code === "password_change_required")
        ) {
          void queryClient.invalidateQueries({ queryKey: sessionQueryOptions().queryKey });
        }
      }),
    [queryClient],
  );

  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorMessage code="server_error" />;
  if (session.data === null) return <Navigate to={paths.signIn} replace />;
  if (session.data.passwordChangeRequired) {
    if (pathname !== paths.changePassword) return <Navigate to={paths.changePassword} replace />;
  } else if (session.data.totpEnrolmentRequired && pathname !== paths.security) {
    return <Navigate to={paths.security} replace />;
  }
  // Issue 14 G: a page the role may not open says so, rather than showing a form every call of which is refused.
  if (!mayOpen(session.data.role, pathname)) return <NoAccess />;
  return <Outlet />;
}
