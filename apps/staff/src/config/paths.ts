/** Every URL of the staff app, in one place. */
export const paths = {
  signIn: "/sign-in",
  customers: "/",
  customer: (id: string) => `/customers/${encodeURIComponent(id)}`,
  customerPattern: "/customers/:id",
  newCustomer: "/customers/new",
  requests: "/requests",
  newRequest: "/requests/new",
  request: (id: string) => `/requests/${encodeURIComponent(id)}`,
  requestPattern: "/requests/:id",
  mailingList: "/mailing-list",
  staffAccounts: "/admin/staff",
  audit: "/admin/audit",
  retention: "/admin/retention",
  security: "/account/security",
  changePassword: "/account/password",
} as const;
