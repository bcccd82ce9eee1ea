import type { Envelope } from '@notion-rx/protocol'

/** How one request is answered, chosen by its path (so any client picks it by base URL alone). */
export interface RequestProfile {
  /** The record-map envelope; undefined: the emulator's own default (`strict` alone means nested, today's). */
  envelope: Envelope | undefined
  /** Answer as today's Notion does for most callers: retired endpoints and bodies refused. */
  strict: boolean
}

const WORDS = new Set(['flat', 'nested', 'strict'])
const API = '/api/v3/'

/**
 * `/api/v3/<name>`, optionally behind profile words: `/flat/api/v3/…` (pre-2025 envelope),
 * `/nested/api/v3/…`, `/strict/api/v3/…` (today's Notion), combinable (`/strict/nested/…`), each
 * once. Undefined for any other path, so it falls through to file routes and 404s.
 */
export function parseApiPath(pathname: string): { name: string; profile: RequestProfile } | undefined {
  const at = pathname.indexOf(API)
  if (at < 0) return undefined
  const words = pathname.slice(1, at).split('/').filter((word) => word !== '')
  if (at > 0 && words.length === 0) return undefined
  if (words.length > WORDS.size || new Set(words).size !== words.length || !words.every((word) => WORDS.has(word))) return undefined
  if (words.includes('flat') && words.includes('nested')) return undefined
  const strict = words.includes('strict')
  const envelope: Envelope | undefined = words.includes('flat') ? 'flat' : words.includes('nested') || strict ? 'nested' : undefined
  return { name: pathname.slice(at + API.length), profile: { envelope, strict } }
}
