import { isTransientStatus, type RetryEligibility } from './endpointPolicy.js'
import { NotionApiError } from './errors/notionApiError.js'
import type { NotionError } from './errors/notionError.js'
import { NetworkError } from './errors/networkError.js'
import { ANSWER_TOO_LARGE, type AnswerHeaders } from './httpPost.js'
import { RateLimitedError } from './errors/rateLimitedError.js'
import { backoffDelay, parseRetryAfter, type BackoffOptions } from './retryDelay.js'
import type { TransportRetryOptions } from './transportOptions.js'

/** `TransportRetryOptions` with its defaults filled in and checked. */
export interface RetryPolicy {
  maxAttempts: number
  backoff: BackoffOptions
  maxRetryAfterMs: number
}

/** Whether (and after how long) a failed attempt is tried again. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false; error: NotionError }

/**
 * The retry policy of a transport's options.
 * @throws RangeError when `maxAttempts` is not an integer of at least 1
 */
export function retryPolicy(options: TransportRetryOptions = {}): RetryPolicy {
  const maxAttempts = options.maxAttempts ?? 4
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`createTransport: retry.maxAttempts must be an integer of at least 1, got ${String(maxAttempts)}`)
  }
  return {
    maxAttempts,
    backoff: { baseDelayMs: options.baseDelayMs ?? 300, maxDelayMs: options.maxDelayMs ?? 10_000, random: options.random ?? Math.random },
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
  }
}

/**
 * What to do after attempt number `attempt` failed with `error`: a 429 waits for its
 * Retry-After (failing at once when that is longer than allowed) or backs off; network errors,
 * timeouts and transient statuses back off when the endpoint may be retried; anything else, or
 * the last attempt, fails.
 */
export function decideRetry(
  error: NotionError,
  attempt: number,
  eligibility: RetryEligibility,
  headers: AnswerHeaders | undefined,
  policy: RetryPolicy,
): RetryDecision {
  const lastAttempt = attempt >= policy.maxAttempts
  if (RateLimitedError.isRateLimitedError(error)) {
    if (!eligibility.rateLimited || lastAttempt) return { retry: false, error }
    const wait = error.retryAfterMs
    if (wait === undefined) return { retry: true, delayMs: backoffDelay(attempt, policy.backoff) }
    // Waiting longer than allowed would only hold the caller up: let them decide.
    if (wait > policy.maxRetryAfterMs) return { retry: false, error }
    return { retry: true, delayMs: wait }
  }
  if (!eligibility.transient || lastAttempt) return { retry: false, error }
  if (NetworkError.isNetworkError(error)) {
    // The same answer would be too large again.
    if (error.systemCode === ANSWER_TOO_LARGE) return { retry: false, error }
    return { retry: true, delayMs: backoffDelay(attempt, policy.backoff) }
  }
  if (NotionApiError.isNotionApiError(error) && isTransientStatus(error.status)) {
    const wait = parseRetryAfter(headers?.get('retry-after'))
    if (wait !== undefined && wait > policy.maxRetryAfterMs) return { retry: false, error }
    return { retry: true, delayMs: wait ?? backoffDelay(attempt, policy.backoff) }
  }
  return { retry: false, error }
}
