import type { Localized } from "@tietoni/domain";
import { createI18n } from "@tietoni/ui";
import { appMessages } from "../../lib/i18n.ts";

/** Texts of the import feature (fi/en); keys start with "import". */
export const importMessages = {
  importTitle: { fi: "Tiedostojen tuonti", en: "File import" },
  importIntro: {
    fi: "Tuo asiakkaat CSV-tiedostosta, kokonaiset tietueet JSON Lines -tiedostosta tai päivityspalvelun nimi- ja osoitetiedosto. Tiedosto tarkistetaan ensin kokeiluajona: mitään ei muuteta ennen kuin vahvistat tuonnin. Suuret tiedostot tuodaan komennolla pnpm data:import.",
    en: "Import customers from a CSV file, full records from a JSON Lines file, or an update service's name and address file. The file is first checked in a dry run: nothing is changed until you confirm the import. Import large files with the command pnpm data:import.",
  },
  importAdminOnly: { fi: "Vain ylläpitäjä voi tuoda tiedostoja.", en: "Only an administrator can import files." },
  importSystemLabel: { fi: "Lähdejärjestelmän nimi", en: "Source system's name" },
  importSystemHint: {
    fi: "Näytetään asiakkaalle tietojen lähteenä. Uusi nimi rekisteröidään uudeksi järjestelmäksi.",
    en: "Shown to customers as the source of the data. A new name is registered as a new system.",
  },
  importFileLabel: { fi: "Tiedosto", en: "File" },
  importFileHint: {
    fi: "CSV (.csv) tai JSON Lines (.jsonl), UTF-8, pilkkuerotin",
    en: "CSV (.csv) or JSON Lines (.jsonl), UTF-8, comma-separated",
  },
  importFileRequired: { fi: "Valitse tiedosto.", en: "Choose a file." },
  importCheck: { fi: "Tarkista tiedosto", en: "Check the file" },
  importChecking: { fi: "Tarkistetaan…", en: "Checking…" },
  importReportHeading: { fi: "Tuonnin raportti", en: "Import report" },
  importFileName: { fi: "Tiedosto", en: "File" },
  importSystem: { fi: "Järjestelmä", en: "System" },
  importSystemCreated: { fi: "(uusi, rekisteröitiin tässä tuonnissa)", en: "(new, registered by this import)" },
  importRows: { fi: "Rivejä", en: "Rows" },
  importState: { fi: "Tila", en: "State" },
  importStateValidating: { fi: "Tarkistetaan", en: "Validating" },
  importStateRefused: { fi: "Hylätty – mitään ei muutettu", en: "Refused – nothing was changed" },
  importStateValidated: {
    fi: "Tarkistettu kokeiluajona – mitään ei ole vielä muutettu",
    en: "Checked in a dry run – nothing has been changed yet",
  },
  importStateApplying: { fi: "Tuodaan", en: "Importing" },
  importStateInterrupted: {
    fi: "Keskeytyi – lataa sama tiedosto uudelleen jatkaaksesi",
    en: "Interrupted – upload the same file again to finish it",
  },
  importStateDone: { fi: "Valmis", en: "Done" },
  importCountsCaption: { fi: "Rivien määrät", en: "Row counts" },
  importCountNew: { fi: "Uusia", en: "New" },
  importCountChanged: { fi: "Muuttuneita", en: "Changed" },
  importCountUnchanged: { fi: "Ennallaan", en: "Unchanged" },
  importCountConflicts: { fi: "Ristiriitoja", en: "Conflicts" },
  importCountDuplicates: { fi: "Mahdollisia kaksoiskappaleita", en: "Possible duplicates" },
  importCountErased: { fi: "Poistettuja asiakkaita", en: "Erased customers" },
  importCountRefused: { fi: "Hylättyjä", en: "Refused" },
  importCountColumn: { fi: "Määrä", en: "Count" },
  importOutcomeColumn: { fi: "Tulos", en: "Outcome" },
  importFileError: { fi: "Tiedosto hylättiin (rivi {line}):", en: "The file was refused (line {line}):" },
  importFileErrorNoLine: { fi: "Tiedosto hylättiin:", en: "The file was refused:" },
  importFileErrorColumn: { fi: "Sarake: {column}", en: "Column: {column}" },
  importIssuesCaption: {
    fi: "Rivit, joita ei tuotu sellaisenaan (enintään 200)",
    en: "Rows not imported as they were (at most 200)",
  },
  importColLine: { fi: "Rivi", en: "Line" },
  importColExternalId: { fi: "Tunniste", en: "Identifier" },
  importColKind: { fi: "Laji", en: "Kind" },
  importColField: { fi: "Kenttä", en: "Field" },
  importColReason: { fi: "Syy", en: "Reason" },
  importKindRefused: { fi: "Hylätty", en: "Refused" },
  importKindConflict: { fi: "Ristiriita", en: "Conflict" },
  importKindDuplicate: { fi: "Mahdollinen kaksoiskappale", en: "Possible duplicate" },
  importKindErased: { fi: "Poistettu asiakas", en: "Erased customer" },
  importAcceptValidLabel: {
    fi: "Tuo kelvolliset rivit ja ohita hylätyt",
    en: "Import the valid rows and skip the refused ones",
  },
  importApply: { fi: "Tuo tiedosto", en: "Import the file" },
  importApplying: { fi: "Aloitetaan…", en: "Starting…" },
  importProgressLabel: { fi: "Tuonnin edistyminen", en: "Progress of the import" },
  importProgress: { fi: "Tuotu {done}/{total} riviä.", en: "{done} of {total} rows imported." },
  importAnother: { fi: "Tuo toinen tiedosto", en: "Import another file" },
} as const satisfies Record<string, Localized>;

/** The import feature's texts with the app's, for its components and pages. */
export const { useI18n } = createI18n({ ...appMessages, ...importMessages });
