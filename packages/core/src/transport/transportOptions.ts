import type { TransportLogger } from './transportEvent.js'

/** Where Notion's web app sends its API calls since 2026 (www.notion.so/api/v3 still redirects). */
export const DEFAULT_BASE_URL = 'https://app.notion.com/api/v3'
export const DEFAULT_TIMEOUT_MS = 30_000

export interface TransportRetryOptions {
  /**
   * Attempts per call, the first included. `1` turns retries off.
   * @default 4
   */
  maxAttempts?: number
  /**
   * Ceiling of the first backoff; it doubles with each retry (the wait is random below it: full jitter).
   * @default 300
   */
  baseDelayMs?: number
  /**
   * Cap of the backoff ceiling.
   * @default 10_000
   */
  maxDelayMs?: number
  /**
   * The longest `Retry-After` / `clientData.retryAfter` the transport waits for. A 429 asking for
   * more fails at once with a RateLimitedError carrying `retryAfterMs`.
   * @default 60_000
   */
  maxRetryAfterMs?: number
  /** Source of jitter, a number in [0, 1). For deterministic tests. @default Math.random */
  random?: () => number
}

export type FetchFunction = (input: Request | URL | string, init?: RequestInit) => Promise<Response>

export interface TransportOptions {
  /**
   * The `token_v2` cookie of a logged-in browser session. Optional: public pages answer without.
   * Never appears in errors or log events.
   */
  tokenV2?: string
  /**
   * The API root; endpoints are POSTed to `${baseUrl}/<endpoint>`.
   * @default 'https://app.notion.com/api/v3'
   * @example createTransport({ baseUrl: emulator.apiUrl })
   */
  baseUrl?: string
  /** A notion_user id, sent as `x-notion-active-user-header`, when the token holds several accounts. */
  activeUser?: string
  /** @default `notion-rx/<version>` */
  userAgent?: string
  /**
   * Milliseconds per attempt before giving up with a NetworkError (`timedOut: true`); `false` for none.
   * @default 30_000
   */
  timeout?: number | false
  /** Aborts every call of this transport (e.g. when the client closes). */
  signal?: AbortSignal
  /**
   * A fetch implementation to send every call through: a proxy-aware one, an interceptor's, a
   * test's wrapper (`fetch: globalThis.fetch` for the platform's own). Without it, calls go
   * through Node's HTTP client and its global keep-alive agents, which cost less per call.
   */
  fetch?: FetchFunction
  /** Extra headers for every request, e.g. `notion-client-version`. */
  headers?: Record<string, string>
  retry?: TransportRetryOptions
  /** Receives request, response, retry and error events, redacted. Exceptions it throws are ignored. */
  logger?: TransportLogger
}
