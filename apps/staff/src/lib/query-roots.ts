/**
 * The roots of the request desk's and operations' query keys. An operation changes a request's state, which both
 * features show, and features may not import each other, so the roots are defined once, here.
 */
export const deskQueries = ["desk"] as const;
export const operationsQueries = ["operations"] as const;

/** For a read the BFF audits: fetched on each visit, never served from or kept in the cache. */
export const uncached = { staleTime: 0, gcTime: 0 } as const;
