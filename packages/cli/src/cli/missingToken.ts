import { RecordNotFoundError, UnauthorizedError } from '@notion-rx/core'

/** How to find the token_v2 cookie, for messages. */
export const TOKEN_HOWTO =
  'Pass --token or set NOTION_TOKEN_V2 to the token_v2 cookie of a browser logged in to Notion ' +
  '(developer tools → Application (Storage in Firefox) → Cookies → https://www.notion.so → token_v2).'

/**
 * When no token was given, a "not found" or "unauthorized" answer most likely means just that:
 * says so, and how to get one. Other errors pass as they are.
 */
export function explainMissingToken(error: unknown, tokenGiven: boolean): unknown {
  if (tokenGiven) return error
  if (!RecordNotFoundError.isRecordNotFoundError(error) && !UnauthorizedError.isUnauthorizedError(error)) return error
  const what = RecordNotFoundError.isRecordNotFoundError(error) ? `${error.table} ${error.id} is not readable without a token` : 'the server wants a token'
  return new Error(`${what}: no token was given. Without one only public pages can be read. ${TOKEN_HOWTO}`, { cause: error })
}
