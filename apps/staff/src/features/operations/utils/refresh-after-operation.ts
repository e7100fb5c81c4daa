/** Queries that show a request's state: this feature's own and the request desk's (page and queue). */
export const refreshedAfterOperation: ReadonlySet<string> = new Set(["operations", "desk"]);
