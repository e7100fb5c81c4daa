/** Every URL of the portal, in one place. */
export const paths = {
  signIn: "/sign-in",
  myData: "/",
  aboutRegister: "/about-register",
} as const;
