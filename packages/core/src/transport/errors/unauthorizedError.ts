import { NotionApiError, describeAnswer, type NotionApiErrorDetails } from './notionApiError.js'
import { hasErrorNameAndCode } from './notionError.js'

export interface UnauthorizedErrorDetails extends NotionApiErrorDetails {
  /** Whether the request named an active user (`x-notion-active-user-header`), which may be the culprit. */
  hadActiveUser?: boolean
}

/** 401 or 403: the `token_v2` (or the active user it was sent with) was not accepted. Never retried. */
export class UnauthorizedError extends NotionApiError {
  override readonly name = 'UnauthorizedError' as const
  override readonly code = 'unauthorized' as const

  constructor(details: UnauthorizedErrorDetails) {
    const activeUser = details.hadActiveUser ? ' (or check that activeUser is one of its users)' : ''
    super(
      details,
      `${details.endpoint}: token_v2 was rejected (${describeAnswer(details)}): log in to Notion again and copy a fresh token_v2 cookie${activeUser}.`,
    )
  }

  static isUnauthorizedError(error: unknown): error is UnauthorizedError {
    return error instanceof UnauthorizedError || hasErrorNameAndCode(error, ['UnauthorizedError'], (c) => c === 'unauthorized')
  }
}
