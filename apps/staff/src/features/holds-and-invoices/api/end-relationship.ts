import type { RelationshipEndInput } from "@tietoni/domain";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";
import { useRecordChange } from "./use-record-change.ts";

/** Records the end of the customer relationship. */
export const endRelationship = (id: string, json: RelationshipEndInput) =>
  callApi(api.records[":id"]["relationship-end"].$post({ param: { id }, json }));

export const useEndRelationship = (id: string) =>
  useRecordChange(id, (json: RelationshipEndInput) => endRelationship(id, json));
