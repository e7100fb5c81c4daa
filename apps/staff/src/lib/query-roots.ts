/**
 * The roots of the request desk's and operations' query keys. An operation changes a request's state, which both
 * features show, and features may not import each other, so the roots are defined once, here.
 */
export const deskQueries = ["desk"] as const;
export const operationsQueries = ["operations"] as const;

/** For a read the BFF audits: fetched on each visit, never served from or kept in the cache. */
export const uncached = { staleTime: 0, gcTime: 0 } as const;

/**
 * A customer's record (the customers feature's page) and the approvals queue (issue 12): record-keeping changes
 * both, and each feature reads them with these keys.
 */
export const customerQueries = ["customers"] as const;
export const customerRecordKey = (id: string) => [...customerQueries, id] as const;
export const approvalQueries = ["approvals"] as const;
