import type { RecordNotFoundError } from '@notion-rx/core'

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
  // By name, as the SDK's own guards do: loading @notion-rx/core here would slow every start.
  const name = error instanceof Error ? error.name : undefined
  if (name !== 'RecordNotFoundError' && name !== 'UnauthorizedError') return error
  const notFound = error as RecordNotFoundError
  const what = name === 'RecordNotFoundError' ? `${notFound.table} ${notFound.id} is not readable without a token` : 'the server wants a token'
  return new Error(`${what}: no token was given. Without one only public pages can be read. ${TOKEN_HOWTO}`, { cause: error })
}
