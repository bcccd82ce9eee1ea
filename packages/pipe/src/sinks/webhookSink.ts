import { backoffDelay, sleep, type BackoffOptions } from '../backoff.js'
import { PipeError } from '../pipeError.js'
import type { PipeEvent } from '../pipeEvent.js'
import type { PipeSink, SinkContext } from '../sink.js'
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from '../webhookSignature.js'
import { writeDeadLetter, type DeadLetter } from './deadLetterFile.js'

export interface WebhookSinkOptions {
  /** The receiver (http or https). */
  url: string
  /** Signs every request (`notion-rx-signature: t=…,v1=…`); receivers check it with `verifyWebhookSignature`. */
  secret?: string
  /** One POST per batch (a JSON array, `application/cloudevents-batch+json`) instead of one per event. */
  batch?: boolean
  /** Per request. @default 10000 */
  timeoutMs?: number
  /** Attempts per request before its events go to the dead letter. @default 8 */
  maxAttempts?: number
  /** Backoff between attempts (exponential, jittered); a Retry-After of 429/503 wins, up to `maxMs`. @default { minMs: 500, maxMs: 30000 } */
  backoff?: BackoffOptions
  /** Events given up on (after `maxAttempts`, or a 4xx that retrying cannot fix). Without it they are retried forever. */
  deadLetter?: DeadLetter
  /** Extra headers (an Authorization for the receiver, say). */
  headers?: Record<string, string>
  fetch?: typeof fetch
}

/** Statuses worth trying again: timeouts, rate limits, server trouble. Other 4xx mean the request itself is refused. */
const RETRYABLE = new Set([408, 409, 425, 429, 500, 502, 503, 504])

/** Retry-After as ms: delta seconds or an HTTP date. */
function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

interface Attempt {
  ok: boolean
  retryable: boolean
  reason: string
  retryAfterMs?: number | undefined
}

/**
 * POSTs events to an HTTP receiver as CloudEvents (structured JSON), signed with HMAC-SHA256 when
 * a secret is given. Failures are retried with exponential backoff and jitter (Retry-After is
 * honoured on 429/503), each request under a timeout; after `maxAttempts`, or at once for a
 * 4xx other than 408/409/425/429, the events go to the dead letter and the pipe reports them.
 */
export function webhookSink(options: WebhookSinkOptions): PipeSink {
  let url: URL
  try {
    url = new URL(options.url)
  } catch (error) {
    throw new PipeError('invalid_target', `webhook URL ${JSON.stringify(options.url)} is not a URL`, { cause: error })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PipeError('invalid_target', `webhook URL ${url.origin} must be http or https`)
  const timeoutMs = options.timeoutMs ?? 10_000
  const maxAttempts = options.maxAttempts ?? 8
  const backoff = { minMs: 500, maxMs: 30_000, ...options.backoff }
  const doFetch = options.fetch ?? fetch
  // The URL may carry a token in its query: logs name the origin and path only.
  const shown = `${url.origin}${url.pathname}`

  async function post(body: string, contentType: string, signal: AbortSignal): Promise<Attempt> {
    const headers: Record<string, string> = { 'content-type': contentType, 'user-agent': 'notion-rx-pipe', ...options.headers }
    if (options.secret) headers[WEBHOOK_SIGNATURE_HEADER] = signWebhook(options.secret, body)
    try {
      const response = await doFetch(url, { method: 'POST', headers, body, signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) })
      // The answer's body is not needed, and a receiver must not make the pipe read megabytes.
      await response.body?.cancel().catch(() => undefined)
      if (response.ok) return { ok: true, retryable: false, reason: '' }
      return {
        ok: false,
        retryable: RETRYABLE.has(response.status),
        reason: `HTTP ${response.status} from ${shown}`,
        retryAfterMs: response.status === 429 || response.status === 503 ? retryAfterMs(response.headers.get('retry-after')) : undefined,
      }
    } catch (error) {
      if (signal.aborted) throw signal.reason
      const timedOut = error instanceof Error && error.name === 'TimeoutError'
      const cause = (error as { cause?: { code?: string } }).cause?.code
      return { ok: false, retryable: true, reason: timedOut ? `no answer from ${shown} within ${timeoutMs} ms` : `cannot reach ${shown}${cause ? ` (${cause})` : ''}` }
    }
  }

  async function send(events: readonly PipeEvent[], body: string, contentType: string, context: SinkContext): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const result = await post(body, contentType, context.signal)
      if (result.ok) return
      if (!result.retryable || attempt >= maxAttempts) {
        const reason = `${result.reason}${result.retryable ? ` after ${attempt} attempts` : ' (not retryable)'}`
        // No dead letter: never drop; the pipe retries the batch.
        if (!options.deadLetter) throw new Error(reason)
        await writeDeadLetter(options.deadLetter, events, reason)
        context.deadLettered(events, reason)
        return
      }
      const delayMs = Math.min(result.retryAfterMs ?? backoffDelay(attempt, backoff), backoff.maxMs)
      context.retrying(attempt, result.reason, delayMs)
      await sleep(delayMs, context.signal)
    }
  }

  return {
    name: `webhook ${shown}`,
    async deliver(events, context) {
      if (options.batch) return send(events, JSON.stringify(events), 'application/cloudevents-batch+json', context)
      for (const event of events) await send([event], JSON.stringify(event), 'application/cloudevents+json', context)
    },
  }
}
