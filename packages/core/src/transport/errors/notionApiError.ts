import { NotionError, hasErrorNameAndCode, type NotionErrorOptions } from './notionError.js'
import { isNotionApiErrorCode, type NotionApiErrorCode } from './notionErrorCode.js'

/** What the server said, read from an error response (docs/protocol.md#errors-and-limits). */
export interface NotionApiErrorDetails extends NotionErrorOptions {
  status: number
  /** The body's `name` (`ValidationError`, `UnauthorizedError`, `UserRateLimitResponse`, ...). */
  notionName?: string
  /** The body's `debugMessage` when present, else its `message` (else the text of a non-JSON body). */
  serverMessage?: string
  errorId?: string
  /** `x-request-id` or `cf-ray` of the response, for Notion support. */
  serverRequestId?: string
  clientData?: Record<string, unknown>
}

export const NOTION_API_ERROR_NAMES = [
  'NotionApiError',
  'UnauthorizedError',
  'RateLimitedError',
  'ValidationError',
  'TransactionRejectedError',
  'UnknownEndpointError',
] as const
export type NotionApiErrorName = (typeof NOTION_API_ERROR_NAMES)[number]

/** `"503 ServiceUnavailableError: Injected fault."`, for messages. */
export function describeAnswer(details: NotionApiErrorDetails): string {
  const name = details.notionName ? ` ${details.notionName}` : ''
  const said = details.serverMessage ? `: ${details.serverMessage}` : ''
  return `${details.status}${name}${said}`
}

function attemptsNote(attempts: number): string {
  return attempts > 1 ? ` after ${attempts} attempts` : ''
}

function defaultMessage(details: NotionApiErrorDetails): string {
  const answer = describeAnswer(details)
  if (details.status >= 500) {
    return `${details.endpoint}: Notion answered ${answer}${attemptsNote(details.attempts)}. The failure is on the server's side; try again later.`
  }
  return `${details.endpoint}: Notion answered ${answer}. Check the request against the endpoint's documentation.`
}

/**
 * Notion answered with an error status. Subclasses name the failures callers act on; this class
 * itself covers the rest (5xx with code `server_error`, other statuses with `api_error`).
 */
export class NotionApiError extends NotionError {
  override readonly name: NotionApiErrorName = 'NotionApiError'
  readonly code: NotionApiErrorCode
  readonly status: number
  readonly notionName: string | undefined
  readonly serverMessage: string | undefined
  readonly errorId: string | undefined
  readonly serverRequestId: string | undefined
  readonly clientData: Record<string, unknown> | undefined

  constructor(details: NotionApiErrorDetails, message: string = defaultMessage(details)) {
    super(message, details)
    this.code = details.status >= 500 ? 'server_error' : 'api_error'
    this.status = details.status
    this.notionName = details.notionName
    this.serverMessage = details.serverMessage
    this.errorId = details.errorId
    this.serverRequestId = details.serverRequestId
    this.clientData = details.clientData
  }

  static isNotionApiError(error: unknown): error is NotionApiError {
    return error instanceof NotionApiError || hasErrorNameAndCode(error, NOTION_API_ERROR_NAMES, isNotionApiErrorCode)
  }
}

export const isNotionApiError = NotionApiError.isNotionApiError
