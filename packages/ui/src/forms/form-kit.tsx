import type {
  ChangeEvent,
  InputHTMLAttributes,
  ReactNode,
  Ref,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";
import { useId, useState } from "react";
import { fieldErrors, formError } from "../api/api-errors.ts";
import { ErrorMessage, FieldError } from "../components/error-message.tsx";
import { type ControlProps, controlProps, firstErrorPath } from "./field-wiring.ts";

type FieldProps = {
  /** The control's id; its hint and error take `${id}-hint` and `${id}-error`. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** An error code, shown under the control in the current language. */
  error?: string | null;
  /** The id of text outside the field that describes the control too, read before the hint. */
  describedBy?: string;
};

/** Label, hint, any control and its error, wired together; the control gets its props from `children`. */
export function Field({
  id,
  label,
  hint,
  error,
  describedBy,
  children,
}: FieldProps & { children: (control: ControlProps) => ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children(controlProps(id, { hint: Boolean(hint), error, describedBy }))}
      <FieldError id={`${id}-error`} code={error} />
    </div>
  );
}

type Valued<E, A> = FieldProps &
  Omit<A, "id" | "value" | "onChange"> & { value: string; onValue: (value: string) => void; ref?: Ref<E> };

type WiredControl = ControlProps & { onChange: (e: ChangeEvent<{ value: string }>) => void };

/** Splits the field's own props from its control's and hands the control everything it is wired with. */
function valuedField<R>(
  { id, label, hint, error, describedBy, onValue, ...rest }: FieldProps & R & { onValue: (value: string) => void },
  render: (control: Omit<R, "onValue" | keyof FieldProps> & WiredControl) => ReactNode,
) {
  return (
    <Field id={id} label={label} hint={hint} error={error} describedBy={describedBy}>
      {(wiring) => render({ ...rest, ...wiring, onChange: (e) => onValue(e.target.value) })}
    </Field>
  );
}

export function InputField(props: Valued<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>) {
  return valuedField(props, (input) => <input {...input} />);
}

export function TextAreaField(props: Valued<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  return valuedField(props, (textarea) => <textarea {...textarea} />);
}

/**
 * A one-time code: the numeric keypad on phones, and the code the browser offers from a message. Six digits unless
 * `maxLength` says more (the customer sign-in code: eight, typed with a space between its groups).
 */
export function CodeField(props: Valued<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>) {
  return valuedField(props, (input) => (
    <input name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required {...input} />
  ));
}

export type SelectOption = { value: string; label: ReactNode };

/** A select whose first, empty option asks the user to choose when `placeholder` is given. */
export function SelectField({
  options,
  placeholder,
  ...props
}: Valued<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>> & {
  options: readonly SelectOption[];
  placeholder?: ReactNode;
}) {
  return valuedField(props, (select) => (
    <select {...select}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  ));
}

/**
 * Radio buttons in a fieldset; each option's input is `${id}-${value}`, and the group's error is read with the
 * legend. `children` come after the error (a hint or a link about the choice).
 */
export function ChoiceGroup<T extends string>({
  id,
  legend,
  options,
  value,
  onChange,
  error,
  children,
}: {
  id: string;
  legend: ReactNode;
  /** Each option's value and its label, in the order shown. */
  options: readonly (readonly [T, ReactNode])[];
  value: T | null;
  onChange: (value: T) => void;
  error?: string | null;
  children?: ReactNode;
}) {
  return (
    <fieldset id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map(([option, label]) => (
        <div className="choice" key={option}>
          <input
            type="radio"
            id={`${id}-${option}`}
            name={id}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          <label htmlFor={`${id}-${option}`}>{label}</label>
        </div>
      ))}
      <FieldError id={`${id}-error`} code={error} />
      {children}
    </fieldset>
  );
}

/** Disabled while the form is on its way, and says so, so a double click cannot send it twice. */
export function SubmitButton({
  pending,
  label,
  pendingLabel,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
}) {
  return (
    <button type="submit" disabled={pending}>
      {pending ? pendingLabel : label}
    </button>
  );
}

/** The form-level error, if there is one. */
export function FormError({ code }: { code: string | null | undefined }) {
  return code ? <ErrorMessage code={code} /> : null;
}

/** The submit button and any secondary actions in a row, and under them the form-level error, if any. */
export function FormActions({
  pending,
  label,
  pendingLabel,
  error,
  children,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  error?: string | null;
  children?: ReactNode;
}) {
  return (
    <>
      <div className="actions">
        <SubmitButton pending={pending} label={label} pendingLabel={pendingLabel} />
        {children}
      </div>
      <FormError code={error} />
    </>
  );
}

/**
 * The ids and errors of a form checked in the browser before it is sent and again by the BFF: the browser's own
 * while it has found any, else the refusal of the last attempt. `paths` are the form's fields in the order shown.
 */
export function useFormFields<P extends string>(paths: readonly P[], refusal: unknown) {
  const id = useId();
  const [clientErrors, setClientErrors] = useState<Map<string, string> | null>(null);
  const errors = clientErrors ?? fieldErrors(refusal);
  const idOf = (path: P) => `${id}-${path}`;
  const errorOf = (path: P) => errors.get(path) ?? null;
  return {
    idOf,
    errorOf,
    /** The id and error of one field, to spread on its Field or ChoiceGroup. */
    wire: (path: P) => ({ id: idOf(path), error: errorOf(path) }),
    /** A refusal no field explains; none while the browser's own check has the word. */
    formError: clientErrors ? null : formError(refusal, paths),
    setClientErrors,
    /** Focuses the first field in error; for a group (a fieldset), its first control. */
    focusFirst: (found: ReadonlyMap<string, string>) => {
      const first = firstErrorPath(paths, found);
      const el = first && document.getElementById(idOf(first));
      (el?.querySelector<HTMLElement>("input, button") ?? el)?.focus();
    },
  };
}
