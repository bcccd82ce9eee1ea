/** Exponential backoff settings; see `TransportRetryOptions`. */
export interface BackoffOptions {
  baseDelayMs: number
  maxDelayMs: number
  /** A number in [0, 1); Math.random by default. */
  random: () => number
}

/**
 * "Full jitter" backoff: a random delay between 0 and `base * 2^(retry-1)`, capped at `maxDelayMs`.
 * Spreads the retries of many clients instead of synchronising them.
 * @param retry 1 for the first retry.
 */
export function backoffDelay(retry: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1))
  return Math.floor(options.random() * ceiling)
}

/**
 * The wait a `Retry-After` header asks for, in ms: delta-seconds (`"2"`, `"0.5"`) or an HTTP date.
 * Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined) return undefined
  const text = header.trim()
  if (text === '') return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/** `clientData.retryAfter` (seconds, as Notion's own client reads it), in ms. */
export function clientDataRetryAfter(clientData: Record<string, unknown> | undefined): number | undefined {
  const value = clientData?.['retryAfter']
  const seconds = typeof value === 'string' ? Number(value) : value
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return undefined
  return Math.round(seconds * 1000)
}
