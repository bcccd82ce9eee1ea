import { NetworkError } from './networkError.js'
import { NotionApiError } from './notionApiError.js'
import { ProtocolError } from './protocolError.js'

/** How a write of unknown outcome was settled: the server has it, refused it, or could not be asked. */
export type WriteResolution = 'committed' | 'rejected' | 'unresolved'

/**
 * A write whose first answer was lost (a network error after sending, a 5xx a proxy may have put
 * in front of a commit, a 2xx that did not parse): the server may or may not have applied it. The
 * SDK re-sends it with the same request and transaction ids, which the server applies at most
 * once, and this error says what that found:
 * - `committed`: the server has the write (emitted on `outcomes$` only; the write's promise resolves);
 * - `rejected`: the server refused it (`cause` is its answer); the optimistic change was rolled back;
 * - `unresolved`: the server could not be reached again; rolled back locally, so refresh the records
 *   it touched to see what the server holds.
 */
export class UnknownWriteOutcomeError extends Error {
  override readonly name = 'UnknownWriteOutcomeError' as const
  readonly code = 'unknown_write_outcome' as const
  readonly resolution: WriteResolution
  /** The request id the write was sent (and re-sent) with. */
  readonly requestId: string
  /** Extra sends made to settle it. */
  readonly resends: number

  constructor(details: { resolution: WriteResolution; requestId: string; resends: number; first: unknown; cause: unknown }) {
    const first = details.first instanceof Error ? details.first.message : String(details.first)
    const what =
      details.resolution === 'committed'
        ? 'the server has it'
        : details.resolution === 'rejected'
          ? `the server refused it: ${details.cause instanceof Error ? details.cause.message : String(details.cause)}`
          : 'the server could not be reached again; refresh the records it touched to see what it holds'
    super(`unknown outcome (${first}), resolved as ${details.resolution} after ${details.resends} re-send(s): ${what}`, { cause: details.cause })
    this.resolution = details.resolution
    this.requestId = details.requestId
    this.resends = details.resends
  }

  static isUnknownWriteOutcomeError(error: unknown): error is UnknownWriteOutcomeError {
    return (
      error instanceof UnknownWriteOutcomeError ||
      (error instanceof Error && error.name === 'UnknownWriteOutcomeError' && (error as { code?: unknown }).code === 'unknown_write_outcome')
    )
  }
}

/**
 * Whether a failed write may still have been applied. A 4xx answer is definite (the server
 * deduplicates by request id before it validates, so a refused retry was never applied); no
 * answer, a 5xx, a 408 or a 429 after several attempts, or a 2xx that did not parse is not.
 */
export function isUnknownOutcome(error: unknown): boolean {
  if (NetworkError.isNetworkError(error) || ProtocolError.isProtocolError(error)) return true
  if (NotionApiError.isNotionApiError(error)) {
    if (error.status >= 500 || error.status === 408) return true
    return error.status === 429 && error.attempts > 1
  }
  return false
}
