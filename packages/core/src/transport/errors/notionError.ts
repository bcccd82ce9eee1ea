import { isNotionErrorCode, type NotionErrorCode } from './notionErrorCode.js'
import type { RedactedRequest } from './redactedRequest.js'

export interface NotionErrorOptions {
  /** The endpoint name, e.g. `syncRecordValuesMain`. */
  endpoint: string
  /** The transport's own id for this call, sent as `x-notion-rx-request-id`. */
  requestId: string
  request: RedactedRequest
  /** How many HTTP attempts were made before giving up. */
  attempts: number
  cause?: unknown
}

/**
 * True for an Error whose `name` is one of `names` and whose `code` is one of `codes`: how the
 * guards recognise errors thrown by a second copy of this package, where `instanceof` fails.
 * Checking the code too keeps unrelated errors that happen to be called `ValidationError` out.
 */
export function hasErrorNameAndCode(
  error: unknown,
  names: readonly string[],
  isCode: (code: unknown) => boolean,
): boolean {
  return error instanceof Error && names.includes(error.name) && isCode((error as { code?: unknown }).code)
}

/**
 * Base of every error the notion-rx transport throws. `name` and `code` are literals; `request`
 * is a redacted copy (no token_v2, cookie or active user). Use the static guards (`isNotionError`,
 * `UnauthorizedError.isUnauthorizedError`, ...) rather than `instanceof` alone: they also accept
 * errors from a second copy of the package.
 */
export abstract class NotionError extends Error {
  abstract override readonly name: NotionErrorName
  abstract readonly code: NotionErrorCode
  readonly endpoint: string
  readonly requestId: string
  readonly request: RedactedRequest
  readonly attempts: number

  constructor(message: string, options: NotionErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.endpoint = options.endpoint
    this.requestId = options.requestId
    this.request = options.request
    this.attempts = options.attempts
  }

  /** A plain object for logs: what `JSON.stringify(error)` prints, message included. */
  toJSON(): Record<string, unknown> {
    return { ...Object.fromEntries(Object.entries(this)), name: this.name, code: this.code, message: this.message }
  }

  static isNotionError(error: unknown): error is NotionError {
    return error instanceof NotionError || hasErrorNameAndCode(error, NOTION_ERROR_NAMES, isNotionErrorCode)
  }
}

export const NOTION_ERROR_NAMES = [
  'NotionApiError',
  'UnauthorizedError',
  'RateLimitedError',
  'ValidationError',
  'TransactionRejectedError',
  'UnknownEndpointError',
  'NetworkError',
  'ProtocolError',
] as const
export type NotionErrorName = (typeof NOTION_ERROR_NAMES)[number]

export const isNotionError = NotionError.isNotionError
