import { randomUUID } from 'node:crypto'

/** Error names the real API returns (docs/protocol.md#errors-and-limits). */
export type ApiErrorName =
  | 'ValidationError'
  | 'UnauthorizedError'
  | 'UserRateLimitResponse'
  | 'UnknownApiError'
  | 'PayloadTooLargeError'
  | 'ServiceUnavailableError'

/**
 * An error a handler throws to answer with Notion's error body:
 * `{isNotionError, errorId, name, message, debugMessage, clientData?}` and the given HTTP status.
 */
export class ApiError extends Error {
  override name = 'ApiError' as const
  readonly status: number
  readonly errorName: ApiErrorName
  readonly debugMessage: string
  readonly clientData: Record<string, unknown> | undefined
  readonly publicMessage: string

  constructor(
    status: number,
    errorName: ApiErrorName,
    debugMessage: string,
    clientData?: Record<string, unknown>,
    publicMessage = defaultMessage(status, errorName),
  ) {
    super(debugMessage)
    this.status = status
    this.errorName = errorName
    this.debugMessage = debugMessage
    this.clientData = clientData
    this.publicMessage = publicMessage
  }

  toBody(): Record<string, unknown> {
    return {
      isNotionError: true,
      errorId: randomUUID(),
      name: this.errorName,
      message: this.publicMessage,
      debugMessage: this.debugMessage,
      ...(this.clientData ? { clientData: this.clientData } : {}),
    }
  }
}

function defaultMessage(status: number, name: ApiErrorName): string {
  if (name === 'ValidationError') return 'Invalid input.'
  if (name === 'UnauthorizedError') return 'Must be authenticated.'
  if (name === 'UserRateLimitResponse') return 'Please try again later.'
  return `Something went wrong. (${status})`
}

export function validationError(debugMessage: string, clientData?: Record<string, unknown>): ApiError {
  return new ApiError(400, 'ValidationError', debugMessage, clientData)
}

export function unauthorizedError(debugMessage = 'Must be authenticated.'): ApiError {
  return new ApiError(401, 'UnauthorizedError', debugMessage)
}

/**
 * The real transaction-failure body (docs/protocol.md#errors-and-limits): `message: "Unsaved transactions."`,
 * `clientData.type: "unsaved_transactions"` with one error per transaction id.
 */
export function unsavedTransactionsError(
  transactionIds: string[],
  reason: string,
  failure: { id?: string; name?: string } = {},
): ApiError {
  // `failure` names the transaction that failed (default: the first) and its error name; every
  // other transaction of the request goes in `untried`, since none of them was saved.
  const first = failure.id ?? transactionIds[0]
  const rest = transactionIds.filter((id) => id !== first)
  return new ApiError(
    400,
    'ValidationError',
    reason,
    {
      type: 'unsaved_transactions',
      errors:
        first === undefined
          ? []
          : [{ id: first, name: failure.name ?? 'ValidationError', message: reason, retryable: false }],
      untried: rest,
    },
    'Unsaved transactions.',
  )
}
