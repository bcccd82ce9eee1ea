import { NotionApiError, describeAnswer, type NotionApiErrorDetails } from './notionApiError.js'
import { hasErrorNameAndCode } from './notionError.js'

/** 400: Notion rejected the request (a body that fails its schema, a private collection, ...). Never retried. */
export class ValidationError extends NotionApiError {
  override readonly name = 'ValidationError' as const
  override readonly code = 'validation_error' as const

  constructor(details: NotionApiErrorDetails) {
    super(
      details,
      `${details.endpoint}: Notion rejected the request (${describeAnswer(details)}). Fix the request body; sending it again will fail the same way.`,
    )
  }

  static isValidationError(error: unknown): error is ValidationError {
    return error instanceof ValidationError || hasErrorNameAndCode(error, ['ValidationError'], (c) => c === 'validation_error')
  }
}
