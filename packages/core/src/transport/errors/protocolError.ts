import { NotionError, hasErrorNameAndCode, type NotionErrorOptions } from './notionError.js'

export interface ProtocolErrorDetails extends NotionErrorOptions {
  /** One `path: message` line per problem, e.g. `recordMap: Invalid input: expected record, received undefined`. */
  issues: string[]
  status: number
}

/**
 * A successful answer whose body is not what the endpoint's schema says (or not JSON at all).
 * Deliberately not a NotionApiError: the server did not report an error, the SDK could not
 * understand its answer (as ky keeps SchemaValidationError apart from HTTPError). Not retried.
 */
export class ProtocolError extends NotionError {
  override readonly name = 'ProtocolError' as const
  readonly code = 'protocol_error' as const
  readonly issues: string[]
  readonly status: number

  constructor(details: ProtocolErrorDetails) {
    const shown = details.issues.slice(0, 5).join('; ')
    const more = details.issues.length > 5 ? ` (and ${details.issues.length - 5} more)` : ''
    super(
      `${details.endpoint}: the ${details.status} response does not match the expected schema: ${shown}${more}. The API may have changed; please report this with the endpoint name.`,
      details,
    )
    this.issues = details.issues
    this.status = details.status
  }

  static isProtocolError(error: unknown): error is ProtocolError {
    return error instanceof ProtocolError || hasErrorNameAndCode(error, ['ProtocolError'], (c) => c === 'protocol_error')
  }
}
