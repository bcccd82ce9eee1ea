import type { NotionError } from './errors/notionError.js'
import type { RedactedRequest } from './errors/redactedRequest.js'

interface EventBase {
  /** The endpoint name, without query string. */
  endpoint: string
  /** The transport's id for the call (the same for all its attempts), sent as `x-notion-rx-request-id`. */
  requestId: string
  /** 1 for the first attempt. */
  attempt: number
}

/**
 * What the `logger` option receives. Every event is already redacted: no token_v2, cookie or
 * active-user value appears in it.
 */
export type TransportEvent =
  | (EventBase & { type: 'request'; request: RedactedRequest })
  | (EventBase & { type: 'response'; status: number; durationMs: number; serverRequestId?: string })
  | (EventBase & { type: 'retry'; delayMs: number; error: NotionError })
  | (EventBase & { type: 'error'; error: NotionError })

export type TransportLogger = (event: TransportEvent) => void
