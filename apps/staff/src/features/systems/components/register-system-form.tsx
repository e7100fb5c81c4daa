import { FormError, fieldErrors, formError, InputField, noticePartyOf, SubmitButton } from "@tietoni/ui";
import { type FormEvent, useId, useState } from "react";
import { useRegisterSystem } from "../api/register-system.ts";
import { useI18n } from "../messages.ts";
import { PartySelect } from "./party-select.tsx";

const FIELDS = ["name", "party", "party.kind", "party.id"] as const;

/** Registers a system under a source or recipient of the privacy notice. */
export function RegisterSystemForm({ onRegistered }: { onRegistered: (message: string) => void }) {
  const { t } = useI18n();
  const register = useRegisterSystem();
  const [name, setName] = useState("");
  const [party, setParty] = useState("");
  const headingId = useId();
  const nameId = useId();
  const partyId = useId();
  const [partyMissing, setPartyMissing] = useState(false);
  const errors = fieldErrors(register.error);
  const partyError = partyMissing
    ? "notice_party_invalid"
    : (errors.get("party") ?? errors.get("party.id") ?? errors.get("party.kind"));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const chosen = noticePartyOf(party);
    setPartyMissing(chosen === null);
    if (!chosen) return;
    register.mutate(
      // The select offers only the notice's ids; the BFF checks them again.
      { name, party: chosen as Parameters<typeof register.mutate>[0]["party"] },
      {
        onSuccess: (system) => {
          onRegistered(t("systemsRegistered", { name: system.name }));
          setName("");
          setParty("");
        },
      },
    );
  };

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("systemsRegisterHeading")}</h2>
      <form onSubmit={submit} noValidate className="form">
        <FormError code={formError(register.error, FIELDS)} />
        <InputField
          id={nameId}
          name="name"
          label={t("systemsName")}
          hint={t("systemsNameHint")}
          autoComplete="off"
          required
          maxLength={100}
          value={name}
          onValue={setName}
          error={errors.get("name")}
        />
        <PartySelect id={partyId} value={party} onValue={setParty} error={partyError} />
        <SubmitButton
          pending={register.isPending}
          label={t("systemsRegister")}
          pendingLabel={t("systemsRegistering")}
        />
      </form>
    </section>
  );
}
