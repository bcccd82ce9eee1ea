/**
 * `promise`, or a rejection with `signal.reason` as soon as `signal` aborts (at once when it
 * already has). The work behind `promise` is not stopped: pass the signal to it as well.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) {
    // The work goes on for other callers; its own failure is reported to them, not here.
    promise.catch(() => {})
    return Promise.reject(signal.reason as unknown)
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as unknown)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
