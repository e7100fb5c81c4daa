/** Every URL of the portal, in one place. */
export const paths = {
  signIn: "/sign-in",
  /** The sign-in link of a sign-in mail; its secret follows `#`, so it never reaches a server. */
  signInLink: "/sign-in/link",
  myData: "/",
  /** Issue 13: who received my data (the disclosure log). */
  disclosures: "/disclosures",
  aboutRegister: "/about-register",
  download: "/download",
  marketing: "/marketing",
  contact: "/contact",
  requests: "/requests",
  newRequest: "/requests/new",
  erasure: "/requests/erasure",
  sessions: "/sessions",
  /** The undo link in an e-mail change notice; its secret is in the fragment. */
  emailChangeUndo: "/email-change/undo",
} as const;
