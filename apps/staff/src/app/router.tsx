import { createBrowserRouter, RouterProvider } from "react-router";
import { paths } from "../config/paths.ts";
import { Layout } from "./layout.tsx";
import { RequireSession } from "./require-session.tsx";

/** Routes are lazy: each page's code loads when it is first visited. */
const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: paths.signIn, lazy: () => import("./routes/sign-in.tsx") },
      {
        element: <RequireSession />,
        children: [
          { path: paths.customers, lazy: () => import("./routes/customers.tsx") },
          { path: paths.customerPattern, lazy: () => import("./routes/customer.tsx") },
          { path: paths.requests, lazy: () => import("./routes/requests.tsx") },
          { path: paths.newRequest, lazy: () => import("./routes/new-request.tsx") },
          { path: paths.requestPattern, lazy: () => import("./routes/request.tsx") },
          { path: paths.mailingList, lazy: () => import("./routes/mailing-list.tsx") },
          { path: paths.staffAccounts, lazy: () => import("./routes/staff-accounts.tsx") },
          { path: paths.audit, lazy: () => import("./routes/audit.tsx") },
          { path: paths.retention, lazy: () => import("./routes/retention.tsx") },
          { path: paths.security, lazy: () => import("./routes/security.tsx") },
        ],
      },
      { path: "*", lazy: () => import("./routes/not-found.tsx") },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
