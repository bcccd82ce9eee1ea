import { InvalidIdError } from './invalidIdError.js'

/**
 * What a Notion id or URL designates. Every id is a dashed lowercase UUID.
 */
export interface ParsedId {
  /**
   * The record the user means: the `#<block>` anchor if there is one (a "Copy link to block"
   * link), else the `?p=<page>` peek (a row opened over its database), else the id in the path
   * (or the bare id that was given).
   */
  id: string
  /** The id at the end of the URL's path (a page or a database page), when a URL was given. */
  pageId?: string
  /** From a `#<32hex>` anchor. */
  blockId?: string
  /** From `?v=<32hex>`: the collection view shown. */
  viewId?: string
  /** From `?p=<32hex>`: the page peeked over `pageId`. */
  peekId?: string
}

const HEX32 = /^[0-9a-f]{32}$/i
const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// The id ends a path segment, alone or after a slug: "My-Page-<32hex>" or "<dashed uuid>".
const TRAILING_ID = /(?:^|-)([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?$/i
const SCHEMES = new Set(['https:', 'http:', 'notion:'])
// Only used to resolve relative inputs ("/workspace/Page-<id>", "Page-<id>?v=…"); never fetched.
const RELATIVE_BASE = 'https://www.notion.so'

/**
 * Parses anything a user may paste to mean a Notion record:
 * - ids: `5a3c…` (32 hex) or `5a3c…-…` (dashed), any case;
 * - slugs and paths: `My-Page-<32hex>`, `/workspace/My-Page-<32hex>`;
 * - URLs on `www.notion.so`, `notion.so`, `app.notion.com`, `<name>.notion.site`, custom domains
 *   and the desktop app's `notion://`, with or without `https://`;
 * - `?v=<view>` (view id), `?p=<page>` (peek: the peeked page is the one meant) and `#<block>`
 *   (block anchor; wins over both, being the most specific). Other query parameters (`pvs`, `pm`)
 *   and non-id fragments are ignored.
 *
 * Throws `InvalidIdError` for anything else, including a URL whose `v` or `p` is not an id.
 * Custom-domain URLs whose path has no id (react-notion-x style `/about`) cannot be resolved
 * without a server and are rejected.
 */
export function parseId(urlOrId: string): ParsedId {
  if (typeof urlOrId !== 'string') throw new InvalidIdError(String(urlOrId), 'not a string')
  const input = urlOrId.trim()
  if (input === '') throw new InvalidIdError(urlOrId, 'empty')
  if (HEX32.test(input) || DASHED.test(input)) return { id: toDashedId(input) }

  const url = toUrl(input, urlOrId)
  if (!SCHEMES.has(url.protocol)) throw new InvalidIdError(urlOrId, `unsupported scheme ${url.protocol}`)

  const segments = url.pathname.split('/').filter((segment) => segment !== '')
  const last = segments.at(-1)
  const match = last === undefined ? null : TRAILING_ID.exec(last)
  const pageId = match?.[1] === undefined ? undefined : toDashedId(match[1])
  const viewId = queryId(url, 'v', urlOrId)
  const peekId = queryId(url, 'p', urlOrId)
  const anchor = url.hash.slice(1)
  const blockId = HEX32.test(anchor) || DASHED.test(anchor) ? toDashedId(anchor) : undefined

  const id = blockId ?? peekId ?? pageId
  if (id === undefined) throw new InvalidIdError(urlOrId, 'no id in the path, ?p= or #anchor')
  return {
    id,
    ...(pageId !== undefined ? { pageId } : {}),
    ...(blockId !== undefined ? { blockId } : {}),
    ...(viewId !== undefined ? { viewId } : {}),
    ...(peekId !== undefined ? { peekId } : {}),
  }
}

/** `0123…ef` (32 hex, or already dashed) → `01234567-89ab-cdef-0123-456789abcdef`, lowercase. */
export function toDashedId(id: string): string {
  const hex = toDashlessId(id)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** A dashed UUID (or 32 hex) → 32 lowercase hex, the form Notion URLs use. */
export function toDashlessId(id: string): string {
  if (typeof id === 'string' && (HEX32.test(id) || DASHED.test(id))) return id.replaceAll('-', '').toLowerCase()
  throw new InvalidIdError(String(id), 'not a 32-hex id or a dashed UUID')
}

function toUrl(input: string, original: string): URL {
  let absolute: string
  if (HAS_SCHEME.test(input)) absolute = input
  else if (input.startsWith('/')) absolute = RELATIVE_BASE + input
  else {
    // "notion.so/x" is a host and a path; "My-Page-<id>" or "workspace/Page-<id>" is a path.
    const first = input.split(/[/?#]/, 1)[0] ?? ''
    const slash = input.indexOf('/')
    absolute = HOST.test(first) && slash === first.length ? `https://${input}` : `${RELATIVE_BASE}/${input}`
  }
  try {
    return new URL(absolute)
  } catch {
    throw new InvalidIdError(original, 'not a valid URL')
  }
}

function queryId(url: URL, name: 'v' | 'p', original: string): string | undefined {
  const value = url.searchParams.get(name)
  if (value === null || value === '') return undefined
  if (HEX32.test(value) || DASHED.test(value)) return toDashedId(value)
  throw new InvalidIdError(original, `?${name}= is not an id`)
}
