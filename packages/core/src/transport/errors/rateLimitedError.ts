import { NotionApiError, describeAnswer, type NotionApiErrorDetails } from './notionApiError.js'
import { hasErrorNameAndCode } from './notionError.js'

export interface RateLimitedErrorDetails extends NotionApiErrorDetails {
  /** How long the server asked to wait (Retry-After or `clientData.retryAfter`), when it said. */
  retryAfterMs?: number
}

/**
 * 429: Notion is rate limiting this token. Thrown once retries are used up, or at once when the
 * server asks for a longer wait than the `maxRetryAfterMs` option allows.
 */
export class RateLimitedError extends NotionApiError {
  override readonly name = 'RateLimitedError' as const
  override readonly code = 'rate_limited' as const
  readonly retryAfterMs: number | undefined

  constructor(details: RateLimitedErrorDetails) {
    const wait =
      details.retryAfterMs === undefined
        ? 'wait before sending more requests'
        : `retry after ${Math.ceil(details.retryAfterMs / 1000)} s`
    const attempts = details.attempts > 1 ? ` after ${details.attempts} attempts` : ''
    super(details, `${details.endpoint}: rate limited by Notion (${describeAnswer(details)})${attempts}: ${wait}, and send fewer requests at a time.`)
    this.retryAfterMs = details.retryAfterMs
  }

  static isRateLimitedError(error: unknown): error is RateLimitedError {
    return error instanceof RateLimitedError || hasErrorNameAndCode(error, ['RateLimitedError'], (c) => c === 'rate_limited')
  }
}
