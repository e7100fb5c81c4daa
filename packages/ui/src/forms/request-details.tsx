import {
  type CorrectableField,
  correctableByRequest,
  correctableFieldNames,
  type RestrictionGround,
  restrictionGroundNames,
  restrictionGrounds,
} from "@tietoni/domain";
import { useState } from "react";
import { useLocale } from "../i18n/create-i18n.tsx";
import { ChoiceGroup, InputField, SelectField, TextAreaField } from "./form-kit.tsx";

/** What a customer (or an agent for them) says about a request beyond its type. */
export type RequestDetails = {
  field: CorrectableField | "";
  newValue: string;
  reason: string;
  ground: RestrictionGround | null;
  text: string;
};

const emptyRequestDetails: RequestDetails = { field: "", newValue: "", reason: "", ground: null, text: "" };

/** The request as the schema checks it: only the details its type takes, so a switched type leaves none behind. */
export function requestCandidate(type: string | null, details: RequestDetails) {
  if (type === "rectification") {
    return { type, field: details.field, newValue: details.newValue, reason: details.reason };
  }
  return type === "restriction" ? { type, ground: details.ground, text: details.text } : { type, text: details.text };
}

export type RequestDetailName = "field" | "newValue" | "reason" | "ground" | "text";

type DetailsProps = {
  details: RequestDetails;
  onChange: (patch: Partial<RequestDetails>) => void;
  /** The id and error of each detail's control, by the detail's name. */
  wire: (name: RequestDetailName) => { id: string; error: string | null };
};

/**
 * The details as typed so far: `fields` are the props every detail field takes, `candidate` the request as the
 * schema checks it for the type chosen.
 */
export function useRequestDetails(wire: DetailsProps["wire"]) {
  const [details, setDetails] = useState(emptyRequestDetails);
  const fields: DetailsProps = { details, wire, onChange: (patch) => setDetails({ ...details, ...patch }) };
  return { fields, candidate: (type: string | null) => requestCandidate(type, details) };
}

/** The texts of the rectification fields; each app's catalogue names them with a prefix of its own. */
export type RectificationText = "FieldLabel" | "FieldChoose" | "NewValueLabel" | "NewValueHint" | "ReasonLabel";

/** Which field is wrong, what it should say and why: the three things a rectification request needs. */
export function RectificationFields({
  details,
  onChange,
  wire,
  text,
  reasonHint,
  fields = correctableByRequest,
}: DetailsProps & {
  text: (key: RectificationText) => string;
  reasonHint?: string;
  /** The fields offered; every correctable field unless the app narrows them (correctionRequestFields). */
  fields?: readonly CorrectableField[];
}) {
  const { pick } = useLocale();
  return (
    <>
      <SelectField
        {...wire("field")}
        name="field"
        label={text("FieldLabel")}
        placeholder={text("FieldChoose")}
        options={fields.map((f) => ({ value: f, label: pick(correctableFieldNames[f]) }))}
        required
        value={details.field}
        onValue={(value) => onChange({ field: fields.find((f) => f === value) ?? "" })}
      />
      <InputField
        {...wire("newValue")}
        name="newValue"
        label={text("NewValueLabel")}
        hint={text("NewValueHint")}
        required
        maxLength={300}
        value={details.newValue}
        onValue={(newValue) => onChange({ newValue })}
      />
      <TextAreaField
        {...wire("reason")}
        name="reason"
        label={text("ReasonLabel")}
        hint={reasonHint}
        required
        maxLength={2000}
        value={details.reason}
        onValue={(reason) => onChange({ reason })}
      />
    </>
  );
}

/** The GDPR Art. 18 ground a restriction request rests on. */
export function RestrictionGroundChoice({ details, onChange, wire, legend }: DetailsProps & { legend: string }) {
  const { pick } = useLocale();
  return (
    <ChoiceGroup
      {...wire("ground")}
      legend={legend}
      options={restrictionGrounds.map((ground) => [ground, pick(restrictionGroundNames[ground])] as const)}
      value={details.ground}
      onChange={(ground) => onChange({ ground })}
    />
  );
}
