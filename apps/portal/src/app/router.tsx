import type { ComponentType } from "react";
import { BrowserRouter, matchPath, Route, Routes } from "react-router";
import { paths } from "../config/paths.ts";
import { preloadable } from "../lib/preloadable.ts";
import { Layout } from "./layout.tsx";
import { RequireSession } from "./require-session.tsx";

/*
 * Routes are lazy: each page's code loads when it is first visited (Layout holds the Suspense boundary).
 * Declarative routes rather than a data router: the app loads no data in route loaders, and the data router
 * alone was a fifth of the first screen's JavaScript (issue 6, P5).
 */
const page = (load: () => Promise<{ Component: ComponentType }>) =>
  preloadable(() => load().then((module) => module.Component));
type Page = ReturnType<typeof page>;

const publicPages: [string, Page][] = [
  [paths.signIn, page(() => import("./routes/sign-in.tsx"))],
  [paths.signInLink, page(() => import("./routes/sign-in-link.tsx"))],
  [paths.aboutRegister, page(() => import("./routes/about-register.tsx"))],
  [paths.emailChangeUndo, page(() => import("./routes/email-change-undo.tsx"))],
];
const signedInPages: [string, Page][] = [
  [paths.myData, page(() => import("./routes/my-data.tsx"))],
  [paths.disclosures, page(() => import("./routes/disclosures.tsx"))],
  [paths.download, page(() => import("./routes/download.tsx"))],
  [paths.marketing, page(() => import("./routes/marketing.tsx"))],
  [paths.contact, page(() => import("./routes/contact.tsx"))],
  [paths.requests, page(() => import("./routes/requests.tsx"))],
  [paths.newRequest, page(() => import("./routes/new-request.tsx"))],
  [paths.erasure, page(() => import("./routes/erasure.tsx"))],
  [paths.sessions, page(() => import("./routes/sessions.tsx"))],
];
const NotFound = page(() => import("./routes/not-found.tsx"));

// The page the browser opened starts loading beside the session check, not after it (issue 6, P7).
const firstPage = [...publicPages, ...signedInPages].find(([path]) => matchPath(path, window.location.pathname));
void firstPage?.[1].preload();

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout />}>
          {publicPages.map(([path, Page]) => (
            <Route key={path} path={path} element={<Page />} />
          ))}
          <Route element={<RequireSession />}>
            {signedInPages.map(([path, Page]) => (
              <Route key={path} path={path} element={<Page />} />
            ))}
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
