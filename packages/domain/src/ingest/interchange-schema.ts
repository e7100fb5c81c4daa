import { z } from "zod";
import { INTERCHANGE_VERSION, interchangeCustomerSchema, interchangeRecordSchema } from "./interchange.ts";
import { updateServiceRowSchema } from "./update-service.ts";

/*
 * The published JSON Schemas of the interchange format (draft 2020-12), generated from the zod schemas the import
 * and the integration API validate with, and committed under docs/schema/ (a BFF test keeps them generated).
 * Rules across fields (groups given whole, postal codes by country, end after start) are checked by the import
 * and named in docs/interchange.md; a JSON Schema states the fields, their types and formats.
 */

const meta = (title: string, description: string) => ({ title, description });

/** One JSON Lines line: a customer with their orders, invoices and objections. */
export function interchangeJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(interchangeRecordSchema, { target: "draft-2020-12", io: "input" }),
    ...meta(
      `interchange-v${INTERCHANGE_VERSION}`,
      "tietoni interchange format: one customer record per JSON Lines line (docs/interchange.md).",
    ),
  };
}

/**
 * One row of a customers CSV as an object keyed by the header: every cell a string, an empty cell clears the field.
 * The record schema with its values as strings is what a CSV row means; the columns are the record's flat fields.
 */
export function interchangeCsvJsonSchema(): Record<string, unknown> {
  const record = z.toJSONSchema(interchangeCustomerSchema, { target: "draft-2020-12", io: "input" }) as {
    properties: Record<string, unknown>;
    required?: string[];
  };
  const properties = Object.fromEntries(Object.keys(record.properties).map((column) => [column, { type: "string" }]));
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    ...meta(
      `interchange-v${INTERCHANGE_VERSION}-customers-csv`,
      "tietoni interchange format: the columns of a customers CSV (UTF-8, comma, header on line 1); each row's cells as strings, an empty cell clears the field. The values follow interchange-v1.schema.json.",
    ),
    type: "object",
    properties,
    required: ["external_id"],
    additionalProperties: false,
  };
}

/** One row of an update service's name and address file, keyed by the header. */
export function updateServiceCsvJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(updateServiceRowSchema, { target: "draft-2020-12", io: "input" }),
    ...meta(
      `update-service-v${INTERCHANGE_VERSION}-csv`,
      "tietoni update-service file: one name or address change per CSV row, keyed by the register's customer id (docs/interchange.md).",
    ),
  };
}
