import type { IncomingMessage } from 'node:http'
import type { Accounts, AuthenticatedUser } from '../access/accounts.js'
import { unauthorizedError } from './apiError.js'

/** Reads one cookie from a Cookie header without decoding anything else. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim()
      try {
        return decodeURIComponent(raw)
      } catch {
        return raw
      }
    }
  }
  return undefined
}

/**
 * Resolves the caller: `token_v2` cookie → the token's users; `x-notion-active-user-header`
 * picks one of them (the first by default). Returns undefined for anonymous callers; throws a 401
 * for a token or active user the emulator does not know.
 */
export function authenticate(request: IncomingMessage, accounts: Accounts): AuthenticatedUser | undefined {
  const token = readCookie(request.headers.cookie, 'token_v2')
  if (token === undefined || token === '') return undefined
  const users = accounts.usersOfToken(token)
  if (users.length === 0) throw unauthorizedError('Unknown or expired token_v2.')
  const active = request.headers['x-notion-active-user-header']
  const wanted = Array.isArray(active) ? active[0] : active
  if (wanted) {
    if (!users.includes(wanted)) throw unauthorizedError('x-notion-active-user-header names a user this token is not logged in as.')
    return { id: wanted, token }
  }
  return { id: users[0]!, token }
}
