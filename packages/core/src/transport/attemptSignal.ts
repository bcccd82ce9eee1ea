/** What one attempt of a call is cancelled by: the caller's signal or the attempt's timeout. */
export interface AttemptSignal {
  /** The signal fetch gets; undefined when there is neither a caller's signal nor a timeout. */
  readonly signal: AbortSignal | undefined
  /** Whether the timeout (not the caller) ended the attempt. */
  readonly timedOut: boolean
  /** Stops the timer and lets go of the caller's signal: call it when the attempt ends. */
  done(): void
}

const NO_SIGNAL: AttemptSignal = { signal: undefined, timedOut: false, done: () => {} }

/**
 * One controller and one timer per attempt, both cleared when it ends. `AbortSignal.timeout`
 * with `AbortSignal.any` does the same at two signals and a follow per call, which cost about
 * three times as much per request, and the timeout signal's timer lives on until it fires.
 */
export function attemptSignal(caller: AbortSignal | undefined, timeoutMs: number | false): AttemptSignal {
  if (timeoutMs === false) return caller ? { signal: caller, timedOut: false, done: () => {} } : NO_SIGNAL
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'))
  }, timeoutMs)
  const onAbort = () => controller.abort(caller?.reason)
  if (caller?.aborted) onAbort()
  else caller?.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut
    },
    done() {
      clearTimeout(timer)
      caller?.removeEventListener('abort', onAbort)
    },
  }
}
