import { z } from "zod";
import type { Localized } from "../i18n/localized.ts";
import { accentColorProblem } from "./branding.ts";
import { type DataCategoryId, dataCategoryIds, type RecipientId, type SourceId, sourceIds } from "./ids.ts";

/**
 * The controller's privacy notice ("tietosuojaseloste") as data (issue 15: configuration, not code). The BFF reads
 * it from the file NOTICE_FILE names (notices/*.json, format documented by docs/notice.schema.json, generated from
 * `registerDescriptionSchema` below), validates it at start and serves it to both apps; every data export embeds
 * it. Another controller writes its own file: nothing else changes.
 *
 * The data categories and the sources of data are the register's schema (the database stores them): a file may
 * omit, rename and describe them but cannot add one. Purposes and recipients are the controller's own.
 */

/** The version of the file format; a change of format gets a new number and a migration note in docs/notice.md. */
export const NOTICE_FORMAT_VERSION = 1;

const text = z.string().trim().min(1, "must not be empty");
export const localizedTextSchema = z.strictObject({ fi: text, en: text });
const idPattern = /^[a-z][A-Za-z0-9]{0,63}$/;
const entryId = z.string().regex(idPattern, "must be an identifier: a lower-case letter, then letters and digits");

const contactDetailsSchema = z.strictObject({
  name: text,
  streetAddress: text,
  postalCode: text,
  city: text,
  /** Display form in international format. */
  phone: text,
  email: z.email("must be an e-mail address"),
});
/** Postal and electronic contact details, as printed in the notice. */
export type ContactDetails = z.output<typeof contactDetailsSchema>;

export const rightIds = [
  "access",
  "portability",
  "rectification",
  "restriction",
  "objection",
  "erasure",
  "anonymisation",
  "complaint",
] as const;
export type RightId = (typeof rightIds)[number];

/** A legal basis of GDPR Art. 6(1): the article point and its name as the notice gives it. */
const legalBasisSchema = z.strictObject({
  article: z.string().regex(/^6\(1\)\([a-f]\)$/, 'must be a point of GDPR Art. 6(1), e.g. "6(1)(b)"'),
  name: localizedTextSchema,
});
export type LegalBasis = z.output<typeof legalBasisSchema>;

/**
 * A purpose of processing with its own legal basis (Art. 13(1)(c) asks for the basis of each purpose, and Art.
 * 15 readers see it beside each data category). `kind` names what an auditor checks the basis against (the notice
 * check, register/notice-check.ts): marketing, profiling and statistics are not necessary for a contract.
 */
const purposeSchema = z.strictObject({
  id: entryId,
  text: localizedTextSchema,
  legalBasis: legalBasisSchema,
  kind: z.enum(["service", "marketing", "profiling", "statistics", "legalObligation", "other"]).optional(),
});
export type Purpose = z.output<typeof purposeSchema>;

const retentionPeriodSchema = localizedTextSchema;

export const dataCategoryDescriptionSchema = z.strictObject({
  name: localizedTextSchema,
  description: localizedTextSchema,
  purposeIds: z.array(entryId).min(1, "a data category needs at least one purpose"),
  sources: z.array(z.enum(sourceIds)),
  recipients: z.array(entryId),
  retention: retentionPeriodSchema,
});
export type DataCategoryDescription = z.output<typeof dataCategoryDescriptionSchema>;

const namedEntrySchema = z.strictObject({ name: localizedTextSchema, description: localizedTextSchema });
export type NamedEntry = z.output<typeof namedEntrySchema>;

const rightSchema = z.strictObject({
  id: z.enum(rightIds),
  /** GDPR article(s), e.g. "15" or "16, 19". */
  article: text,
  /** The notice's own heading. */
  title: localizedTextSchema,
  text: localizedTextSchema,
});
export type Right = z.output<typeof rightSchema>;

/** A colour as #rrggbb; its contrast against the apps' white background is checked (noticeBrandingProblems). */
const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as "#rrggbb"');

/** The accent colour becomes the apps' primary colour: refused when text in it would not be readable on white. */
const accentColour = hexColour.superRefine((value, ctx) => {
  const problem = accentColorProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Categories the schema holds, each optional: a file may leave one out, never add one. */
const dataCategoriesSchema = z
  .record(z.string(), z.unknown())
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value))
      if (!(dataCategoryIds as readonly string[]).includes(key))
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `"${key}" is not a data category of the register (${dataCategoryIds.join(", ")}): a notice may omit, rename and describe categories but not add one`,
        });
  })
  .pipe(z.strictObject(Object.fromEntries(dataCategoryIds.map((id) => [id, dataCategoryDescriptionSchema.optional()]))))
  .transform((v) => v as Partial<Record<DataCategoryId, DataCategoryDescription>>);

/** Sources are the schema's provenance vocabulary: a file may omit and describe them, not add one. */
const sourcesSchema = z
  .strictObject(Object.fromEntries(sourceIds.map((id) => [id, namedEntrySchema.optional()])))
  .transform((v) => v as Partial<Record<SourceId, NamedEntry>>);

export const registerDescriptionSchema = z
  .strictObject({
    /** Editors' hint only (the JSON Schema's address); ignored. */
    $schema: z.string().optional(),
    formatVersion: z.literal(NOTICE_FORMAT_VERSION, `must be ${NOTICE_FORMAT_VERSION}, the format this version reads`),
    branding: z.strictObject({ accentColor: accentColour }).default({ accentColor: "#005a9c" }),
    controller: contactDetailsSchema,
    contactPerson: contactDetailsSchema,
    registerName: localizedTextSchema,
    /**
     * The language of the register's mail to a customer who has none recorded (issue 13): one set at sign-in from
     * the portal's language, by an import or the API, or by staff wins (see mailLanguage).
     */
    defaultLanguage: z.enum(["fi", "en"]),
    /** ISO date the notice was drawn up. */
    noticeDate: z.iso.date("must be a date as YYYY-MM-DD"),
    legalBasis: z.strictObject({ article: text, text: localizedTextSchema }),
    purposes: z.array(purposeSchema).min(1),
    dataCategories: dataCategoriesSchema,
    sources: sourcesSchema,
    recipients: z.record(entryId, namedEntrySchema),
    disclosures: localizedTextSchema,
    transfersOutsideEea: localizedTextSchema,
    /** Safeguards of transfers outside the EEA (Art. 46), when the notice allows any; the notice check asks for them. */
    transferSafeguards: localizedTextSchema.optional(),
    retention: z.strictObject({
      /** Years from the end of the customer relationship; null states no end (the notice check warns). */
      years: z.number().int().min(1).max(100).nullable(),
      /**
       * The register setting of the lifecycle rule (issue 12, retention/lifecycle.ts): without a recorded end, no
       * open invoice and no active role, the customer relationship ends this many months after its last activity
       * (the last order, payment or role end; the start when there was none). Retention counts from that end.
       */
      relationshipEndsAfterMonths: z.number().int().min(1).max(240),
      text: localizedTextSchema,
    }),
    security: z.strictObject({ manual: localizedTextSchema, it: localizedTextSchema }),
    cookies: z.strictObject({
      text: localizedTextSchema,
      collected: z.array(localizedTextSchema),
      analytics: localizedTextSchema,
      /** How consent to non-essential cookies is asked: "banner" (asked) or "browserSettings" (left to the browser). */
      consent: z.enum(["banner", "browserSettings", "none"]).optional(),
    }),
    automatedDecisionMaking: localizedTextSchema,
    rights: z.array(rightSchema).min(1),
    supervisoryAuthority: z.strictObject({
      name: localizedTextSchema,
      postalAddress: text,
      visitingAddress: text,
      phone: text,
      email: z.email("must be an e-mail address"),
      web: z.url("must be a web address"),
      complaintText: localizedTextSchema,
    }),
    organisationContactPersonRule: localizedTextSchema,
  })
  .superRefine((n, ctx) => {
    const purposeIds = new Set<string>();
    n.purposes.forEach((p, i) => {
      if (purposeIds.has(p.id))
        ctx.addIssue({ code: "custom", path: ["purposes", i, "id"], message: `purpose "${p.id}" is listed twice` });
      purposeIds.add(p.id);
    });
    const seenRights = new Set<string>();
    n.rights.forEach((r, i) => {
      if (seenRights.has(r.id))
        ctx.addIssue({ code: "custom", path: ["rights", i, "id"], message: `right "${r.id}" is listed twice` });
      seenRights.add(r.id);
    });
    if (Object.keys(n.dataCategories).length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["dataCategories"],
        message: "a notice describes at least one data category",
      });
    for (const [id, c] of Object.entries(n.dataCategories)) {
      if (!c) continue;
      c.purposeIds.forEach((p, i) => {
        if (!purposeIds.has(p))
          ctx.addIssue({
            code: "custom",
            path: ["dataCategories", id, "purposeIds", i],
            message: `purpose "${p}" is not in "purposes"`,
          });
      });
      c.sources.forEach((s, i) => {
        if (!n.sources[s])
          ctx.addIssue({
            code: "custom",
            path: ["dataCategories", id, "sources", i],
            message: `source "${s}" is not described in "sources"`,
          });
      });
      c.recipients.forEach((r, i) => {
        if (!Object.hasOwn(n.recipients, r))
          ctx.addIssue({
            code: "custom",
            path: ["dataCategories", id, "recipients", i],
            message: `recipient "${r}" is not in "recipients"`,
          });
      });
    }
  });

export type RegisterDescription = z.output<typeof registerDescriptionSchema>;
/** The file's own shape, before defaults (what an author writes). */
export type RegisterDescriptionFile = z.input<typeof registerDescriptionSchema>;

/** One wrong field of a notice file: its path (`dataCategories.www.name.fi`) and what is wrong. */
export type NoticeProblem = { readonly path: string; readonly message: string };

/** Validates a parsed notice file; on failure every wrong field with its path, in file order. */
export function parseRegisterDescription(
  value: unknown,
): { ok: true; notice: RegisterDescription } | { ok: false; problems: NoticeProblem[] } {
  const result = registerDescriptionSchema.safeParse(value);
  if (result.success) return { ok: true, notice: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      path: issue.path.length === 0 ? "(the file)" : issue.path.map(String).join("."),
      message: issue.message,
    })),
  };
}

/**
 * The name of a data category in a notice. A category the notice omits still has stored data only if something
 * wrote it against the notice (an older notice, an import): its identifier is then shown rather than nothing.
 */
/** What the name lookups need: the notice, or the copy of it an export carries. */
type NamedEntries = {
  readonly dataCategories: Partial<Record<DataCategoryId, { readonly name: Localized }>>;
  readonly sources: Partial<Record<SourceId, { readonly name: Localized }>>;
  readonly recipients: Readonly<Record<string, { readonly name: Localized }>>;
};

export function categoryName(notice: Pick<NamedEntries, "dataCategories">, category: DataCategoryId): Localized {
  return notice.dataCategories[category]?.name ?? { fi: category, en: category };
}

/** The name of a source or recipient in a notice, or its identifier when the notice no longer describes it. */
export function partyName(
  notice: Pick<NamedEntries, "sources" | "recipients">,
  kind: "source" | "recipient",
  id: string,
): Localized {
  const entry = kind === "source" ? notice.sources[id as SourceId] : notice.recipients[id as RecipientId];
  return entry?.name ?? { fi: id, en: id };
}

/** Data categories a notice describes, in their canonical order (the order of `dataCategoryIds`). */
export function categoriesInOrder(notice: RegisterDescription): DataCategoryId[] {
  return dataCategoryIds.filter((id) => notice.dataCategories[id] !== undefined);
}

/** The distinct legal bases of a data category's purposes, in the order the purposes are listed. */
export function legalBasesOf(notice: RegisterDescription, category: DataCategoryId): LegalBasis[] {
  const bases = new Map<string, LegalBasis>();
  for (const purpose of purposesOf(notice, category)) bases.set(purpose.legalBasis.article, purpose.legalBasis);
  return [...bases.values()];
}

/** The purposes a data category is processed for, in the order the notice lists purposes. */
export function purposesOf(notice: RegisterDescription, category: DataCategoryId): RegisterDescription["purposes"] {
  const ids = notice.dataCategories[category]?.purposeIds ?? [];
  return notice.purposes.filter((purpose) => ids.includes(purpose.id));
}
