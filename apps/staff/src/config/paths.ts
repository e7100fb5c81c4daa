/** Every URL of the staff app, in one place. */
export const paths = {
  signIn: "/sign-in",
  customers: "/",
  customer: (id: string) => `/customers/${encodeURIComponent(id)}`,
  customerPattern: "/customers/:id",
} as const;
