import type { ErrorCode, InboundChannel, InterchangeRecord, RowOutcome } from "@tietoni/domain";
import type { AuditActor } from "../audit.ts";

/*
 * The contract of the one ingest service (issue 12) that every inbound path calls: the file import, the update
 * service files and the integration API. Paths parse and validate their own input into records; the ingest service
 * applies them with the conflict rule, source recording, duplicate and erased-customer checks, and reports per row.
 */

/** Who and what a run of records comes from. */
export type IngestRun = {
  system: { id: string; name: string };
  channel: InboundChannel;
  /** Staff (an upload), a client (an API call) or the system (`pnpm data:import`). */
  actor: AuditActor;
  /** The import run the records belong to (file paths), or null (API calls). */
  importId: string | null;
  /** When the file or call was received: the source time of records without `updated_at`. */
  receivedAt: number;
  /**
   * The suppression list's HMAC key (`env.suppressionKey`): the erased-customer check and the suppression list
   * compare keyed hashes of the incoming addresses.
   */
  suppressionKey: string;
};

/**
 * An update service's extra facts, beside the record's name and address: the non-disclosure flag of a person whose
 * address is protected. Only the update-service path sets it.
 */
export type UpdateServiceFacts = { addressProtected?: boolean };

/** One record to apply: found by the system's `external_id`, or by the register's own id (update services). */
export type InboundRow = {
  /** The file's line number, or the record's index in an API call; reports name rows by it. */
  index: number;
  key: { externalId: string } | { customerId: string };
  record: Partial<InterchangeRecord> & UpdateServiceFacts;
};

/** A field kept because the customer or staff changed it after the incoming value's time. */
export type FieldConflict = { field: string; currentAt: number; currentBy: string };

export type RowResult = {
  index: number;
  outcome: RowOutcome;
  /** The register's customer the row was applied to (null when refused, a possible duplicate, or erased). */
  customerId: string | null;
  conflicts: FieldConflict[];
  /** Why a row was refused, held as a duplicate or refused as erased; its parameters (e.g. `{ erasedOn }`). */
  code: ErrorCode | null;
  params?: Record<string, string>;
};

export type IngestOptions = {
  /** Decide every row exactly as an applied run would, then roll back: the dry run's report. */
  dryRun?: boolean;
};
