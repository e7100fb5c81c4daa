import {
  heldObjectionsBarring,
  type MarketingPurpose,
  marketingChannelNames,
  marketingPurposeNames,
  marketingPurposes,
  type Objections,
} from "@tietoni/domain";
import { ApiError, DataTable, EmptyState, ErrorMessage, formatDateTime, Loading } from "@tietoni/ui";
import { useId, useState } from "react";
import { type MarketingView, useMarketing } from "../api/get-marketing.ts";
import { useObjectToAll } from "../api/object-to-all.ts";
import { useSetObjections } from "../api/set-objections.ts";
import type { marketingMessages } from "../messages.ts";
import { useI18n } from "../messages.ts";

/** Each purpose's own sentence, so that the Finnish verb takes the right case ("Kiellän suoramainonnan"). */
const objectLabelKeys: Record<MarketingPurpose, keyof typeof marketingMessages> = {
  directAdvertising: "marketingObjectDirectAdvertising",
  distanceSelling: "marketingObjectDistanceSelling",
  directMarketing: "marketingObjectDirectMarketing",
  marketResearch: "marketingObjectMarketResearch",
  opinionPolls: "marketingObjectOpinionPolls",
  listPublication: "marketingObjectListPublication",
  personalisedContent: "marketingObjectPersonalisedContent",
};

type Outcome = { kind: "saved" } | { kind: "error"; code: string } | null;

const errorCode = (err: unknown) => (err instanceof ApiError ? err.code : "server_error");

/** The customer's objections to marketing (Art. 21): one switch per purpose, saved at once, and their history. */
export function Marketing() {
  const { t } = useI18n();
  const marketing = useMarketing();
  return (
    <>
      <h1>{t("marketingTitle")}</h1>
      {marketing.data?.gpc && <p className="marketing-gpc-notice">{t("marketingGpcNotice")}</p>}
      <p>{t("marketingIntro")}</p>
      {marketing.isPending && <Loading />}
      {marketing.isError && <ErrorMessage code={errorCode(marketing.error)} />}
      {marketing.data && (
        <>
          <ObjectionsForm objections={marketing.data.objections} />
          <ObjectionHistory history={marketing.data.history} />
        </>
      )}
    </>
  );
}

function ObjectionsForm({ objections }: { objections: Objections }) {
  const { t, pick } = useI18n();
  const idPrefix = useId();
  const setObjections = useSetObjections();
  const objectToAll = useObjectToAll();
  const [outcome, setOutcome] = useState<Outcome>(null);
  // The switch shows the customer's choice from the click on: the cached view changes only after the mutation's
  // asynchronous start, and meanwhile React would put a controlled checkbox back (a flicker a quick second
  // click could land on).
  const [chosen, setChosen] = useState<Partial<Objections>>({});

  // The status is cleared first, so that a second "Saved" in a row is announced again.
  const callbacks = {
    onSuccess: () => setOutcome({ kind: "saved" }),
    onError: (err: unknown) => setOutcome({ kind: "error", code: errorCode(err) }),
  };
  const change = (purpose: MarketingPurpose, objected: boolean) => {
    setOutcome(null);
    setChosen((current) => ({ ...current, [purpose]: objected }));
    setObjections.mutate(
      { changes: [{ purpose, objected }] },
      {
        ...callbacks,
        onSettled: () => setChosen(({ [purpose]: _settled, ...rest }) => rest),
      },
    );
  };
  const objectAll = () => {
    setOutcome(null);
    objectToAll.mutate(undefined, callbacks);
  };

  return (
    <>
      <fieldset className="marketing-choices">
        <legend>{t("marketingChoicesLegend")}</legend>
        {marketingPurposes.map((purpose) => {
          const id = `${idPrefix}-${purpose}`;
          const checked = chosen[purpose] ?? objections[purpose];
          // The domain's table says which other objections already bar this purpose (direct marketing covers
          // direct advertising, for one): say so, so an unticked switch does not read as "you may contact me".
          const coveredBy = checked
            ? []
            : heldObjectionsBarring(purpose, { ...objections, ...chosen }).filter((p) => p !== purpose);
          return (
            <div className="field marketing-choice" key={purpose}>
              <input
                type="checkbox"
                id={id}
                name={purpose}
                checked={checked}
                onChange={(e) => change(purpose, e.target.checked)}
                aria-describedby={coveredBy.length > 0 ? `${id}-hint ${id}-covered` : `${id}-hint`}
              />
              <label htmlFor={id}>{t(objectLabelKeys[purpose])}</label>
              <span className="hint" id={`${id}-hint`}>
                {pick(marketingPurposeNames[purpose].description)}
              </span>
              {coveredBy.length > 0 && (
                <span className="hint marketing-covered" id={`${id}-covered`}>
                  {t("marketingCoveredBy", {
                    purposes: coveredBy.map((p) => pick(marketingPurposeNames[p].name)).join(", "),
                  })}
                </span>
              )}
            </div>
          );
        })}
      </fieldset>
      <div className="actions">
        <button type="button" onClick={objectAll} disabled={objectToAll.isPending}>
          {t("marketingObjectAll")}
        </button>
      </div>
      <div role="status" className="marketing-status">
        {outcome?.kind === "saved" && <p className="success-message">{t("marketingSaved")}</p>}
      </div>
      {outcome?.kind === "error" && <ErrorMessage code={outcome.code} />}
    </>
  );
}

function ObjectionHistory({ history }: { history: MarketingView["history"] }) {
  const { t, pick, locale } = useI18n();
  const headingId = useId();
  const state = (objected: boolean) => (objected ? t("marketingObjected") : t("marketingAllowed"));
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("marketingHistoryHeading")}</h2>
      <DataTable
        caption={t("marketingHistoryCaption")}
        columns={[
          t("marketingHistoryWhen"),
          t("marketingHistoryPurpose"),
          t("marketingHistoryChange"),
          t("marketingHistoryChannel"),
        ]}
        rows={history}
        rowKey={(entry) => `${entry.at}-${entry.purpose}-${entry.from}-${entry.to}`}
        empty={<EmptyState>{t("marketingNoHistory")}</EmptyState>}
      >
        {(entry) => (
          <>
            <td>{formatDateTime(entry.at, locale)}</td>
            <td>{pick(marketingPurposeNames[entry.purpose].name)}</td>
            <td>
              {state(entry.from)} <span aria-hidden="true">→</span>{" "}
              <span className="visually-hidden">{t("marketingHistoryTo")}</span> {state(entry.to)}
            </td>
            <td>{pick(marketingChannelNames[entry.channel])}</td>
          </>
        )}
      </DataTable>
    </section>
  );
}
