import type { NotionErrorOptions } from './errors/notionError.js'
import { NetworkError } from './errors/networkError.js'
import { redactText } from './redact.js'

function systemCodeOf(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = current.cause
  }
  return undefined
}

/**
 * A fresh Error with the failure's message and system code, not the original: fetch errors
 * can hold the Request, whose headers carry the token_v2 cookie.
 */
function safeCause(error: unknown, secrets: readonly string[]): Error {
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : error
  const message = inner instanceof Error ? inner.message : String(inner)
  const cause = new Error(redactText(message, secrets))
  const code = systemCodeOf(error)
  if (code !== undefined) Object.assign(cause, { code })
  return cause
}

/**
 * The NetworkError for a failed attempt without an HTTP answer (refused, reset, timed out).
 * `timedOutAfterMs`: the attempt's timeout, when that is what ended it.
 */
export function networkErrorFrom(error: unknown, options: NotionErrorOptions, secrets: readonly string[], timedOutAfterMs: number | undefined): NetworkError {
  if (timedOutAfterMs !== undefined) return new NetworkError({ ...options, timedOut: true, timeoutMs: timedOutAfterMs })
  const systemCode = systemCodeOf(error)
  return new NetworkError({
    ...options,
    timedOut: false,
    cause: safeCause(error, secrets),
    ...(systemCode !== undefined ? { systemCode } : {}),
  })
}
