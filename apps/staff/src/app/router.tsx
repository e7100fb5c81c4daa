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
const Customers = page(() => import("./routes/customers.tsx"));
const Customer = page(() => import("./routes/customer.tsx"));
const NewCustomer = page(() => import("./routes/new-customer.tsx"));
const Requests = page(() => import("./routes/requests.tsx"));
const NewRequest = page(() => import("./routes/new-request.tsx"));
const Request = page(() => import("./routes/request.tsx"));
const MailingList = page(() => import("./routes/mailing-list.tsx"));
const Approvals = page(() => import("./routes/approvals.tsx"));
const Inbound = page(() => import("./routes/inbound.tsx"));
const StaffAccounts = page(() => import("./routes/staff-accounts.tsx"));
const Audit = page(() => import("./routes/audit.tsx"));
const Retention = page(() => import("./routes/retention.tsx"));
const Systems = page(() => import("./routes/systems.tsx"));
const System = page(() => import("./routes/system.tsx"));
const Webhooks = page(() => import("./routes/webhooks.tsx"));
const Imports = page(() => import("./routes/imports.tsx"));
const Deliveries = page(() => import("./routes/deliveries.tsx"));
const RequestStatistics = page(() => import("./routes/request-statistics.tsx"));
const NoticeCheck = page(() => import("./routes/notice-check.tsx"));
const Security = page(() => import("./routes/security.tsx"));
const ChangePassword = page(() => import("./routes/change-password.tsx"));
const NotFound = page(() => import("./routes/not-found.tsx"));

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route path={paths.signIn} element={<SignIn />} />
          <Route element={<RequireSession />}>
            <Route path={paths.customers} element={<Customers />} />
            <Route path={paths.customerPattern} element={<Customer />} />
            <Route path={paths.newCustomer} element={<NewCustomer />} />
            <Route path={paths.requests} element={<Requests />} />
            <Route path={paths.newRequest} element={<NewRequest />} />
            <Route path={paths.requestPattern} element={<Request />} />
            <Route path={paths.mailingList} element={<MailingList />} />
            <Route path={paths.approvals} element={<Approvals />} />
            <Route path={paths.inbound} element={<Inbound />} />
            <Route path={paths.staffAccounts} element={<StaffAccounts />} />
            <Route path={paths.audit} element={<Audit />} />
            <Route path={paths.retention} element={<Retention />} />
            <Route path={paths.systems} element={<Systems />} />
            <Route path={paths.systemPattern} element={<System />} />
            <Route path={paths.webhooks} element={<Webhooks />} />
            <Route path={paths.imports} element={<Imports />} />
            <Route path={paths.deliveries} element={<Deliveries />} />
            <Route path={paths.requestStatistics} element={<RequestStatistics />} />
            <Route path={paths.noticeCheck} element={<NoticeCheck />} />
            <Route path={paths.security} element={<Security />} />
            <Route path={paths.changePassword} element={<ChangePassword />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
