/**
 * The roots of the request desk's and operations' query keys. An operation changes a request's state, which both
 * features show, and features may not import each other, so the roots are defined once, here.
 */
export const deskQueries = ["desk"] as const;
export const operationsQueries = ["operations"] as const;
