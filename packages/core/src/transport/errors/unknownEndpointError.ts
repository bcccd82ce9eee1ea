import { NotionApiError, type NotionApiErrorDetails } from './notionApiError.js'
import { hasErrorNameAndCode } from './notionError.js'

/**
 * 404 `Cannot POST /api/v3/<name>`: the server does not know the endpoint (Notion retires them,
 * e.g. syncRecordValues for some callers since 2025-08). Callers fall back to an older or newer one.
 */
export class UnknownEndpointError extends NotionApiError {
  override readonly name = 'UnknownEndpointError' as const
  override readonly code = 'unknown_endpoint' as const

  constructor(details: NotionApiErrorDetails) {
    super(
      details,
      `${details.endpoint}: the server does not know this endpoint (${details.status} ${details.serverMessage ?? 'Not Found'}). Use another endpoint for the same data (syncRecordValuesMain → syncRecordValues → getRecordValues), or check baseUrl.`,
    )
  }

  static isUnknownEndpointError(error: unknown): error is UnknownEndpointError {
    return error instanceof UnknownEndpointError || hasErrorNameAndCode(error, ['UnknownEndpointError'], (c) => c === 'unknown_endpoint')
  }
}
