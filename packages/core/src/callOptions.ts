/** What every asynchronous method of the SDK accepts. */
export interface CallOptions {
  /**
   * Cancels the call. An aborted signal rejects the call at once with `signal.reason` (a
   * `DOMException` named `AbortError` when `abort()` is called without a reason, as `fetch`
   * does), and the HTTP request in flight is aborted. A request other calls share (records of
   * one tick are fetched together) is aborted only when every call waiting for it is.
   */
  signal?: AbortSignal | undefined
}
