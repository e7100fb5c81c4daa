/**
 * Lets every callback that is waiting (a timer, an arriving request, I/O) run before the caller goes on. Work over
 * the whole register runs in bounded slices with this between them (issue 14 item 8), because a synchronous SQLite
 * statement holds the one event loop for as long as it runs.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
