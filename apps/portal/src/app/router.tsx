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
      { path: paths.aboutRegister, lazy: () => import("./routes/about-register.tsx") },
      {
        element: <RequireSession />,
        children: [
          { path: paths.myData, lazy: () => import("./routes/my-data.tsx") },
          { path: paths.download, lazy: () => import("./routes/download.tsx") },
          { path: paths.marketing, lazy: () => import("./routes/marketing.tsx") },
          { path: paths.contact, lazy: () => import("./routes/contact.tsx") },
          { path: paths.requests, lazy: () => import("./routes/requests.tsx") },
          { path: paths.newRequest, lazy: () => import("./routes/new-request.tsx") },
          { path: paths.erasure, lazy: () => import("./routes/erasure.tsx") },
          { path: paths.sessions, lazy: () => import("./routes/sessions.tsx") },
        ],
      },
      { path: "*", lazy: () => import("./routes/not-found.tsx") },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
