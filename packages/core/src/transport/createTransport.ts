import { randomUUID } from 'node:crypto'
import { formatIssues } from '@notion-rx/protocol'
import ky from 'ky'
import type { z } from 'zod'
import { endpointName, isTransientStatus, retryEligibility, type Endpoint, type RetryEligibility } from './endpointPolicy.js'
import { errorFromResponse } from './errorFromResponse.js'
import { NotionApiError } from './errors/notionApiError.js'
import type { NotionError, NotionErrorOptions } from './errors/notionError.js'
import { NetworkError } from './errors/networkError.js'
import { ProtocolError } from './errors/protocolError.js'
import { RateLimitedError } from './errors/rateLimitedError.js'
import type { RedactedRequest } from './errors/redactedRequest.js'
import { networkErrorFrom } from './networkErrorFrom.js'
import { normalizeResponse, type Normalized } from './normalizeResponse.js'
import { redactRequest, redactText } from './redact.js'
import { backoffDelay, parseRetryAfter } from './retryDelay.js'
import { SDK_VERSION } from './sdkVersion.js'
import type { TransportEvent } from './transportEvent.js'
import { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS, type TransportOptions } from './transportOptions.js'

export interface TransportRequestOptions {
  /** Cancels this call: the promise rejects with the signal's reason, during a request or a backoff. */
  signal?: AbortSignal
  /**
   * Whether sending the request twice is harmless. Writes are retried on 5xx, timeouts and
   * network errors only when true: pass it when the body carries a requestId / transaction id
   * the server dedupes. Defaults to true for read endpoints and false for the rest.
   */
  idempotent?: boolean
  /** Sent as `x-notion-space-id` (queryCollection, saveTransactionsMain, syncRecordValuesSpace, ...). */
  spaceId?: string
  /** Overrides the transport's per-attempt timeout for this call. */
  timeout?: number | false
  /** Extra headers for this call. */
  headers?: Record<string, string>
}

/** Sends v3 API calls. One instance per client; it holds no state between calls. */
export interface Transport {
  /** The API root requests go to, e.g. `https://app.notion.com/api/v3`. */
  readonly baseUrl: string
  /**
   * POSTs `body` to `${baseUrl}/${endpoint}`, retrying as the endpoint's policy allows, and
   * resolves with the answer validated by `schema`, record maps normalized.
   * Rejects with a NotionError subclass (or the abort reason when cancelled).
   * @example await transport.post('syncRecordValuesMain', { requests }, syncRecordValuesResponseSchema)
   */
  post<S extends z.ZodType, E extends Endpoint = Endpoint>(
    endpoint: E,
    body: unknown,
    schema: S,
    options?: TransportRequestOptions,
  ): Promise<Normalized<z.output<S>, E>>
  /**
   * Switches the account requests act as (`x-notion-active-user-header`), for a token_v2 logged
   * into several; `undefined` lets the server pick the token's first. Applies to calls made after.
   */
  setActiveUser(userId: string | undefined): void
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function combineSignals(signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined)
  if (present.length <= 1) return present[0]
  return AbortSignal.any(present)
}

type AttemptOutcome<T> = { ok: true; data: T } | { ok: false; error: NotionError; headers: Headers | undefined }

type RetryDecision = { retry: true; delayMs: number } | { retry: false; error: NotionError }

/**
 * Creates the transport: one ky instance for every call.
 *
 * Retries are driven here rather than by ky's `retry` option (which is off): ky cannot tell a
 * logger how long it will wait, caps an over-long Retry-After instead of failing fast, and a
 * forced retry for the body's `clientData.retryAfter` loses the last response once the limit is
 * reached. The policy itself is ky's with explicit per-endpoint eligibility (see endpointPolicy).
 */
export function createTransport(options: TransportOptions = {}): Transport {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS
  const requestedAttempts = options.retry?.maxAttempts ?? 4
  if (!Number.isInteger(requestedAttempts) || requestedAttempts < 1) {
    throw new RangeError(`createTransport: retry.maxAttempts must be an integer of at least 1, got ${String(requestedAttempts)}`)
  }
  const maxAttempts = requestedAttempts
  const backoff = {
    baseDelayMs: options.retry?.baseDelayMs ?? 300,
    maxDelayMs: options.retry?.maxDelayMs ?? 10_000,
    random: options.retry?.random ?? Math.random,
  }
  const maxRetryAfterMs = options.retry?.maxRetryAfterMs ?? 60_000
  // Read once: later changes to the caller's options object do not leak into requests.
  const { tokenV2, logger } = options
  // The one setting that may change later (setActiveUser): the user a multi-account token acts as.
  let activeUser = options.activeUser
  const userAgent = options.userAgent ?? `notion-rx/${SDK_VERSION}`
  const extraHeaders = { ...options.headers }
  const secrets = [tokenV2, activeUser].filter((value): value is string => typeof value === 'string' && value !== '')

  function setActiveUser(userId: string | undefined): void {
    activeUser = userId
    if (userId && !secrets.includes(userId)) secrets.push(userId)
  }

  const api = ky.create({
    prefixUrl: baseUrl,
    retry: 0,
    throwHttpErrors: false,
    timeout,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })

  function emit(event: TransportEvent): void {
    if (!logger) return
    try {
      logger(event)
    } catch {
      // A failing logger must not fail the request.
    }
  }

  function headersFor(requestOptions: TransportRequestOptions, requestId: string): Headers {
    const headers = new Headers({
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': userAgent,
      'notion-audit-log-platform': 'web',
    })
    for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value)
    for (const [name, value] of Object.entries(requestOptions.headers ?? {})) headers.set(name, value)
    if (tokenV2) headers.set('cookie', `token_v2=${tokenV2}`)
    if (activeUser) headers.set('x-notion-active-user-header', activeUser)
    if (requestOptions.spaceId) headers.set('x-notion-space-id', requestOptions.spaceId)
    headers.set('x-notion-rx-request-id', requestId)
    return headers
  }

  function decide(error: NotionError, attempt: number, eligibility: RetryEligibility, headers: Headers | undefined): RetryDecision {
    const lastAttempt = attempt >= maxAttempts
    if (RateLimitedError.isRateLimitedError(error)) {
      if (!eligibility.rateLimited || lastAttempt) return { retry: false, error }
      const wait = error.retryAfterMs
      if (wait === undefined) return { retry: true, delayMs: backoffDelay(attempt, backoff) }
      // Waiting longer than allowed would only hold the caller up: let them decide.
      if (wait > maxRetryAfterMs) return { retry: false, error }
      return { retry: true, delayMs: wait }
    }
    if (!eligibility.transient || lastAttempt) return { retry: false, error }
    if (NetworkError.isNetworkError(error)) return { retry: true, delayMs: backoffDelay(attempt, backoff) }
    if (NotionApiError.isNotionApiError(error) && isTransientStatus(error.status)) {
      const wait = parseRetryAfter(headers?.get('retry-after'))
      if (wait !== undefined && wait > maxRetryAfterMs) return { retry: false, error }
      return { retry: true, delayMs: wait ?? backoffDelay(attempt, backoff) }
    }
    return { retry: false, error }
  }

  async function post<S extends z.ZodType, E extends Endpoint>(
    endpoint: E,
    body: unknown,
    schema: S,
    requestOptions: TransportRequestOptions = {},
  ): Promise<Normalized<z.output<S>, E>> {
    const path = endpoint.replace(/^\/+/, '')
    const name = endpointName(path)
    const requestId = randomUUID()
    const signal = combineSignals([options.signal, requestOptions.signal])
    const headers = headersFor(requestOptions, requestId)
    const request: RedactedRequest = redactRequest({ method: 'POST', url: `${baseUrl}/${path}`, headers }, secrets)
    const eligibility = retryEligibility(name, requestOptions.idempotent)
    const attemptTimeout = requestOptions.timeout ?? timeout

    async function attemptOnce(attempt: number): Promise<AttemptOutcome<Normalized<z.output<S>, E>>> {
      const context: NotionErrorOptions = { endpoint: name, requestId, request, attempts: attempt }
      emit({ type: 'request', endpoint: name, requestId, attempt, request })
      const started = performance.now()
      let response: Response
      let text: string
      try {
        response = await api.post(path, { json: body, headers, timeout: attemptTimeout, ...(signal ? { signal } : {}) })
        text = await response.text()
      } catch (error) {
        if (signal?.aborted) throw signal.reason
        return { ok: false, error: networkErrorFrom(error, context, secrets, attemptTimeout), headers: undefined }
      }
      const serverRequestId = response.headers.get('x-request-id') ?? response.headers.get('cf-ray') ?? undefined
      emit({
        type: 'response',
        endpoint: name,
        requestId,
        attempt,
        status: response.status,
        durationMs: Math.round(performance.now() - started),
        ...(serverRequestId !== undefined ? { serverRequestId } : {}),
      })
      if (response.ok) {
        const result = parseSuccess(text, schema)
        if (result.ok) return { ok: true, data: normalizeResponse(endpoint, result.data) }
        const error = new ProtocolError({
          ...context,
          status: response.status,
          issues: result.issues.map((issue) => redactText(issue, secrets)),
          ...(result.cause !== undefined ? { cause: result.cause } : {}),
        })
        return { ok: false, error, headers: response.headers }
      }
      const error = errorFromResponse(
        { status: response.status, headers: response.headers, text },
        { ...context, secrets, hadActiveUser: activeUser !== undefined },
      )
      return { ok: false, error, headers: response.headers }
    }

    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted()
      const outcome = await attemptOnce(attempt)
      if (outcome.ok) return outcome.data
      const decision = decide(outcome.error, attempt, eligibility, outcome.headers)
      if (!decision.retry) {
        emit({ type: 'error', endpoint: name, requestId, attempt, error: decision.error })
        throw decision.error
      }
      emit({ type: 'retry', endpoint: name, requestId, attempt, delayMs: decision.delayMs, error: outcome.error })
      await sleep(decision.delayMs, signal)
    }
  }

  return { baseUrl, post, setActiveUser }
}

type ParseResult<T> = { ok: true; data: T } | { ok: false; issues: string[]; cause?: unknown }

function parseSuccess<S extends z.ZodType>(text: string, schema: S): ParseResult<z.output<S>> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    const snippet = text.length > 80 ? `${text.slice(0, 80)}…` : text
    return { ok: false, issues: [`(root): the body is not JSON: ${JSON.stringify(snippet)}`] }
  }
  const parsed = schema.safeParse(json)
  if (parsed.success) return { ok: true, data: parsed.data }
  return { ok: false, issues: formatIssues(parsed.error.issues), cause: parsed.error }
}
