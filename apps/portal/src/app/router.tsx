import { type ComponentType, lazy } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { paths } from "../config/paths.ts";
import { Layout } from "./layout.tsx";
import { RequireSession } from "./require-session.tsx";

/*
 * Routes are lazy: each page's code loads when it is first visited (Layout holds the Suspense boundary).
 * Declarative routes rather than a data router: the app loads no data in route loaders, and the data router
 * alone was a fifth of the first screen's JavaScript (issue 6, P5).
 */
const page = (load: () => Promise<{ Component: ComponentType }>) =>
  lazy(() => load().then((module) => ({ default: module.Component })));

const SignIn = page(() => import("./routes/sign-in.tsx"));
const AboutRegister = page(() => import("./routes/about-register.tsx"));
const MyData = page(() => import("./routes/my-data.tsx"));
const Download = page(() => import("./routes/download.tsx"));
const Marketing = page(() => import("./routes/marketing.tsx"));
const Contact = page(() => import("./routes/contact.tsx"));
const Requests = page(() => import("./routes/requests.tsx"));
const NewRequest = page(() => import("./routes/new-request.tsx"));
const Erasure = page(() => import("./routes/erasure.tsx"));
const Sessions = page(() => import("./routes/sessions.tsx"));
const NotFound = page(() => import("./routes/not-found.tsx"));

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route path={paths.signIn} element={<SignIn />} />
          <Route path={paths.aboutRegister} element={<AboutRegister />} />
          <Route element={<RequireSession />}>
            <Route path={paths.myData} element={<MyData />} />
            <Route path={paths.download} element={<Download />} />
            <Route path={paths.marketing} element={<Marketing />} />
            <Route path={paths.contact} element={<Contact />} />
            <Route path={paths.requests} element={<Requests />} />
            <Route path={paths.newRequest} element={<NewRequest />} />
            <Route path={paths.erasure} element={<Erasure />} />
            <Route path={paths.sessions} element={<Sessions />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
