export interface BackoffOptions {
  /** The first retry's delay. @default 200 */
  minMs?: number
  /** The cap. @default 30000 */
  maxMs?: number
  /** For tests and benchmarks that need determinism. @default Math.random */
  random?: () => number
}

/**
 * Exponential backoff with full jitter (delay uniform in [base/2, base], base doubling per attempt
 * up to `maxMs`), so many pipes retrying one receiver do not retry in lockstep.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const min = options.minMs ?? 200
  const max = options.maxMs ?? 30_000
  const base = Math.min(max, min * 2 ** Math.max(0, attempt - 1))
  return Math.round(base / 2 + (options.random ?? Math.random)() * (base / 2))
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
