import { isErrorCode } from "@tietoni/domain";

/** What a control needs to be tied to its label, hint and error. */
export type ControlProps = {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

/**
 * The hint and the error of control `id` live at `${id}-hint` and `${id}-error`; a screen reader reads the hint
 * first, and `aria-invalid` is left out entirely while the value is fine. `describedBy` names text outside the field
 * (an introduction or warning above the form) that is read before both.
 */
export function controlProps(
  id: string,
  { hint, error, describedBy }: { hint?: boolean; error?: string | null; describedBy?: string },
): ControlProps {
  const ids = [describedBy, hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": ids || undefined };
}

type Issue = { readonly path: readonly PropertyKey[]; readonly message: string };

/**
 * Field errors as the BFF would give them for the same schema: one code per path, the first issue winning.
 * A choice left unmade fails as an enum mismatch whose message is no code of ours; it reads as "required".
 */
export function issueErrors(issues: readonly Issue[]): Map<string, string> {
  const errors = new Map<string, string>();
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    if (!errors.has(path)) errors.set(path, isErrorCode(issue.message) ? issue.message : "required");
  }
  return errors;
}

type SafeParse<T> = (
  candidate: unknown,
) => { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };

/** The input when the schema takes it, else its field errors; the same check the BFF makes, before sending. */
export function checkInput<T>(
  schema: { safeParse: SafeParse<T> },
  candidate: unknown,
): { input: T; errors: null } | { input: null; errors: Map<string, string> } {
  const result = schema.safeParse(candidate);
  return result.success
    ? { input: result.data, errors: null }
    : { input: null, errors: issueErrors(result.error.issues) };
}

/** The first path in the form's own order that has an error, or null. */
export function firstErrorPath<P extends string>(paths: readonly P[], errors: ReadonlyMap<string, string>): P | null {
  return paths.find((path) => errors.has(path)) ?? null;
}
