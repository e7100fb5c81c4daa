import { ErrorMessage, Loading } from "@tietoni/ui";
import { Navigate, Outlet } from "react-router";
import { paths } from "../config/paths.ts";
import { useSession } from "../lib/session.ts";

/** Pages with personal data render only for a signed-in customer; others go to sign-in. */
export function RequireSession() {
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorMessage code="server_error" />;
  if (session.data === null) return <Navigate to={paths.signIn} replace />;
  return <Outlet />;
}
