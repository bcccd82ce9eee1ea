import { randomUUID } from 'node:crypto'
import { formatIssues } from '@notion-rx/protocol'
import type { z } from 'zod'
import { endpointName, retryEligibility, type Endpoint } from './endpointPolicy.js'
import { errorFromResponse } from './errorFromResponse.js'
import { fetchPost } from './fetchPost.js'
import type { AnswerHeaders, HttpAnswer, HttpPost } from './httpPost.js'
import type { NotionError, NotionErrorOptions } from './errors/notionError.js'
import { ProtocolError } from './errors/protocolError.js'
import type { RedactedRequest } from './errors/redactedRequest.js'
import { attemptSignal } from './attemptSignal.js'
import { networkErrorFrom } from './networkErrorFrom.js'
import { normalizeResponse, type Normalized } from './normalizeResponse.js'
import { redactRequest, redactText } from './redact.js'
import { decideRetry, retryPolicy, type RetryPolicy } from './retryPolicy.js'
import { SDK_VERSION } from './sdkVersion.js'
import type { TransportEvent } from './transportEvent.js'
import { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS, type TransportOptions } from './transportOptions.js'
import { nodeHttpPost } from './nodeHttpPost.js'

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

type AttemptOutcome<T> = { ok: true; data: T } | { ok: false; error: NotionError; headers: AnswerHeaders | undefined }

/** One call, prepared once and sent as many times as its retries take. */
interface PreparedCall<S extends z.ZodType, E extends string> {
  endpoint: E
  /** The address posted to, and the endpoint's bare name (no query). */
  url: string
  name: string
  /** The body as sent: serialized once, for every attempt. */
  text: string
  schema: S
  requestId: string
  signal: AbortSignal | undefined
  headers: Readonly<Record<string, string>>
  /** The request as errors and logs show it, worked out when first needed (most calls never need it). */
  readonly request: RedactedRequest
  timeout: number | false
}

/** The longest timer Node keeps: a longer timeout would fire at once. */
const MAX_TIMEOUT_MS = 2_147_483_647

/**
 * The transport: Node's HTTP client (or the caller's fetch) for every call, the identity headers, the retry loop.
 *
 * Retries are driven here, with a logger told how long each wait is, an over-long Retry-After
 * failing fast, and the body's `clientData.retryAfter` honoured (see retryPolicy). Each call's
 * body is serialized once and sent as a string: an HTTP client wrapping fetch for its
 * own retries (ky) clones every Request beforehand, which cost about 0.3 ms per call, as much as
 * the rest of the call on loopback, for retries it was never asked to make.
 */
class HttpTransport implements Transport {
  readonly baseUrl: string
  readonly #options: TransportOptions
  readonly #timeout: number | false
  readonly #policy: RetryPolicy
  readonly #userAgent: string
  readonly #extraHeaders: Record<string, string>
  /** Values no error or log may show: the token, and every user acted as. */
  readonly #secrets: string[]
  readonly #post: HttpPost
  // The one setting that may change later (setActiveUser): the user a multi-account token acts as.
  #activeUser: string | undefined

  constructor(options: TransportOptions) {
    // Read once: later changes to the caller's options object do not leak into requests.
    this.#options = { ...options }
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')
    this.#timeout = checkedTimeout(options.timeout ?? DEFAULT_TIMEOUT_MS, 'timeout')
    this.#policy = retryPolicy(options.retry)
    this.#activeUser = options.activeUser
    this.#userAgent = options.userAgent ?? `notion-rx/${SDK_VERSION}`
    this.#extraHeaders = { ...options.headers }
    this.#secrets = [options.tokenV2, options.activeUser].filter((value): value is string => typeof value === 'string' && value !== '')
    this.#post = options.fetch ? fetchPost(options.fetch) : nodeHttpPost
  }

  setActiveUser(userId: string | undefined): void {
    this.#activeUser = userId
    if (userId && !this.#secrets.includes(userId)) this.#secrets.push(userId)
  }

  async post<S extends z.ZodType, E extends Endpoint>(
    endpoint: E,
    body: unknown,
    schema: S,
    requestOptions: TransportRequestOptions = {},
  ): Promise<Normalized<z.output<S>, E>> {
    const call = this.#prepare(endpoint, body, schema, requestOptions)
    const eligibility = retryEligibility(call.name, requestOptions.idempotent)
    for (let attempt = 1; ; attempt++) {
      call.signal?.throwIfAborted()
      const outcome = await this.#attempt(call, attempt)
      if (outcome.ok) return outcome.data
      const decision = decideRetry(outcome.error, attempt, eligibility, outcome.headers, this.#policy)
      const { name: endpointName, requestId } = call
      if (!decision.retry) {
        this.#emit({ type: 'error', endpoint: endpointName, requestId, attempt, error: decision.error })
        throw decision.error
      }
      this.#emit({ type: 'retry', endpoint: endpointName, requestId, attempt, delayMs: decision.delayMs, error: outcome.error })
      await sleep(decision.delayMs, call.signal)
    }
  }

  #prepare<S extends z.ZodType, E extends Endpoint>(endpoint: E, body: unknown, schema: S, requestOptions: TransportRequestOptions): PreparedCall<S, E> {
    const path = endpoint.replace(/^\/+/, '')
    const requestId = randomUUID()
    const headers = this.#headersFor(requestOptions, requestId)
    const url = `${this.baseUrl}/${path}`
    const secrets = this.#secrets
    let redacted: RedactedRequest | undefined
    return {
      endpoint,
      url,
      name: endpointName(path),
      text: JSON.stringify(body),
      schema,
      requestId,
      signal: combineSignals([this.#options.signal, requestOptions.signal]),
      headers,
      get request() {
        return (redacted ??= redactRequest({ method: 'POST', url, headers }, secrets))
      },
      timeout: requestOptions.timeout === undefined ? this.#timeout : checkedTimeout(requestOptions.timeout, 'the call\'s timeout'),
    }
  }

  /** The call's headers by lower-case name (a caller's `Notion-Client-Version` replaces ours, never doubles it). */
  #headersFor(requestOptions: TransportRequestOptions, requestId: string): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': this.#userAgent,
      'notion-audit-log-platform': 'web',
    }
    for (const [name, value] of Object.entries(this.#extraHeaders)) headers[name.toLowerCase()] = value
    for (const [name, value] of Object.entries(requestOptions.headers ?? {})) headers[name.toLowerCase()] = value
    const { tokenV2 } = this.#options
    if (tokenV2) headers['cookie'] = `token_v2=${tokenV2}`
    if (this.#activeUser) headers['x-notion-active-user-header'] = this.#activeUser
    if (requestOptions.spaceId) headers['x-notion-space-id'] = requestOptions.spaceId
    headers['x-notion-rx-request-id'] = requestId
    return headers
  }

  /** Sends the call once: its validated, normalized answer, or the error it ended with. */
  async #attempt<S extends z.ZodType, E extends Endpoint>(call: PreparedCall<S, E>, attempt: number): Promise<AttemptOutcome<Normalized<z.output<S>, E>>> {
    const { name: endpoint, requestId, signal } = call
    const context = (): NotionErrorOptions => ({ endpoint, requestId, request: call.request, attempts: attempt })
    if (this.#options.logger) this.#emit({ type: 'request', endpoint, requestId, attempt, request: call.request })
    const started = performance.now()
    const { timeout } = call
    const cancel = attemptSignal(signal, timeout)
    let answer: HttpAnswer
    try {
      answer = await this.#post({ url: call.url, headers: call.headers, body: call.text, signal: cancel.signal })
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      return { ok: false, error: networkErrorFrom(error, context(), this.#secrets, cancel.timedOut && timeout !== false ? timeout : undefined), headers: undefined }
    } finally {
      cancel.done()
    }
    if (this.#options.logger) {
      const serverRequestId = answer.headers.get('x-request-id') ?? answer.headers.get('cf-ray') ?? undefined
      this.#emit({
        type: 'response',
        endpoint,
        requestId,
        attempt,
        status: answer.status,
        durationMs: Math.round(performance.now() - started),
        ...(serverRequestId !== undefined ? { serverRequestId } : {}),
      })
    }
    return this.#outcomeOf(call, answer, context)
  }

  /** A response read: the answer validated and normalized, or the typed error it stands for. */
  #outcomeOf<S extends z.ZodType, E extends Endpoint>(
    call: PreparedCall<S, E>,
    answer: HttpAnswer,
    context: () => NotionErrorOptions,
  ): AttemptOutcome<Normalized<z.output<S>, E>> {
    const { status, headers, text } = answer
    if (status < 200 || status > 299) {
      const error = errorFromResponse(
        answer,
        { ...context(), secrets: this.#secrets, hadActiveUser: this.#activeUser !== undefined },
      )
      return { ok: false, error, headers }
    }
    const result = parseSuccess(text, call.schema)
    if (result.ok) return { ok: true, data: normalizeResponse(call.endpoint, result.data) }
    const error = new ProtocolError({
      ...context(),
      status,
      issues: result.issues.map((issue) => redactText(issue, this.#secrets)),
      ...(result.cause !== undefined ? { cause: result.cause } : {}),
    })
    return { ok: false, error, headers }
  }

  #emit(event: TransportEvent): void {
    const { logger } = this.#options
    if (!logger) return
    try {
      logger(event)
    } catch {
      // A failing logger must not fail the request.
    }
  }
}

/**
 * Creates the transport: Node's HTTP client (or `options.fetch`) for every call, retries driven by `options.retry`
 * (see retryPolicy), answers validated by each call's schema and their record maps normalized.
 * @throws RangeError when `retry.maxAttempts` is not an integer of at least 1, or `timeout` is not
 *   a whole number of milliseconds from 1 to 2,147,483,647 (or `false`)
 */
export function createTransport(options: TransportOptions = {}): Transport {
  const transport = new HttpTransport(options)
  // Plain functions: callers may pass `post` around without its object.
  return { baseUrl: transport.baseUrl, post: transport.post.bind(transport), setActiveUser: transport.setActiveUser.bind(transport) }
}

function checkedTimeout(timeout: number | false, name: string): number | false {
  if (timeout === false || (Number.isInteger(timeout) && timeout > 0 && timeout <= MAX_TIMEOUT_MS)) return timeout
  throw new RangeError(`${name} must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, or false for none; got ${String(timeout)}`)
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
