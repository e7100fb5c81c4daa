import { z } from "zod";
import { dataCategoryIds } from "./ids.ts";
import {
  dataCategoryDescriptionSchema,
  NOTICE_FORMAT_VERSION,
  registerDescriptionSchema,
} from "./register-description.ts";

/**
 * The published JSON Schema of the notice file (draft 2020-12, committed as docs/notice.schema.json), generated from
 * `registerDescriptionSchema` on its input side: what an author writes, defaults still optional. Editors use it to
 * complete and check a file as it is typed; the BFF itself validates with the zod schema, which also checks what a
 * JSON Schema cannot say (a purpose or recipient a category names is defined, ids are not listed twice).
 *
 * `dataCategories` is validated in zod in two steps (an unknown category first gets its own message, then each known
 * one its shape), so its input side is an open record; the schema here gives the step that matters to an author:
 * the register's categories, each optional, and no other.
 */
export function noticeJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(registerDescriptionSchema, { target: "draft-2020-12", io: "input" }) as {
    properties: Record<string, unknown>;
  } & Record<string, unknown>;
  const categories = z.toJSONSchema(
    z.strictObject(Object.fromEntries(dataCategoryIds.map((id) => [id, dataCategoryDescriptionSchema.optional()]))),
    { target: "draft-2020-12", io: "input" },
  );
  delete categories.$schema;
  const { $schema, ...rest } = schema;
  return {
    $schema,
    title: `tietoni privacy notice, format ${NOTICE_FORMAT_VERSION}`,
    description:
      "The controller's privacy notice as the BFF reads it from NOTICE_FILE (docs/notice.md). Generated from the domain's zod schema: pnpm notice:schema.",
    ...rest,
    properties: { ...schema.properties, dataCategories: { ...categories, minProperties: 1 } },
  };
}
