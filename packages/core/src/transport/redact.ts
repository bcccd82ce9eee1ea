import type { RedactedRequest } from './errors/redactedRequest.js'

export const REDACTED = '[REDACTED]'

/** Headers whose whole value is a credential or identifies the account. Lowercase. */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  'cookie',
  'set-cookie',
  'authorization',
  'proxy-authorization',
  'x-notion-active-user-header',
])

type HeadersLike = Headers | Record<string, string | readonly string[] | undefined> | readonly (readonly [string, string])[]

function entriesOf(headers: HeadersLike): [string, string][] {
  if (headers instanceof Headers) return [...headers.entries()]
  if (Array.isArray(headers)) return headers.map(([name, value]) => [name, value])
  const out: [string, string][] = []
  for (const [name, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (value === undefined) continue
    out.push([name, typeof value === 'string' ? value : value.join(', ')])
  }
  return out
}

/**
 * A new plain object of the headers with credentials replaced by `[REDACTED]`: `cookie`,
 * `authorization`, `x-notion-active-user-header` (...) wholly, and any `token_v2=` value
 * elsewhere. Names are lowercased. The given headers are not changed.
 * @example redactHeaders({ Cookie: 'token_v2=abc' }) // { cookie: '[REDACTED]' }
 */
export function redactHeaders(headers: HeadersLike, secrets: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [rawName, value] of entriesOf(headers)) {
    const name = rawName.toLowerCase()
    out[name] = SENSITIVE_HEADERS.has(name) ? REDACTED : redactText(value, secrets)
  }
  return out
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * `token_v2=<value>` as written raw, URL-encoded once or twice (`token_v2%3D…`, `token_v2%253D…`,
 * as browsers store cookies and servers echo them) or HTML-escaped (`token_v2&#61;`). The value
 * runs to the next separator, raw or encoded (`;`, `,`, `&`, space, quotes).
 */
const TOKEN_ASSIGNMENT =
  /(token_v2(?:=|%3D|%253D|&#0*61;|&#x0*3d;|\\u003d))(?:(?!%(?:25)?(?:3B|2C|26|20|22|27|3b|2c))[^;,\s"'&<>\\])+/gi

/**
 * The forms a secret can take in text a server or a library wrote: as is, URL-encoded (once or
 * twice, upper- or lowercase hex), base64 and base64url, and, for a token_v2, its random part
 * alone (what is left after the `v02:…:` prefix is unchanged by any of those escapings).
 */
function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret])
  const once = encodeURIComponent(secret)
  for (const encoded of [once, encodeURIComponent(once), encodeURI(secret)]) {
    forms.add(encoded)
    forms.add(encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()))
  }
  forms.add(Buffer.from(secret).toString('base64'))
  forms.add(Buffer.from(secret).toString('base64').replace(/=+$/, ''))
  forms.add(Buffer.from(secret).toString('base64url'))
  const material = secret.slice(secret.lastIndexOf(':') + 1)
  if (material !== secret && material.length >= 16) forms.add(material)
  return [...forms].filter((form) => form.length >= 6).sort((a, b) => b.length - a.length)
}

/**
 * Replaces `token_v2=<value>` (in every encoding) and every given secret (the token, the active
 * user id, in every encoding) in a string by `[REDACTED]`: for server messages and URLs that end
 * up in errors and logs.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(TOKEN_ASSIGNMENT, `$1${REDACTED}`)
  let cache = patternsBySecrets.get(secrets)
  if (!cache) patternsBySecrets.set(secrets, (cache = new Map()))
  for (const secret of secrets) {
    // Very short values would redact ordinary words; real tokens and user ids are long.
    if (secret.length < 6) continue
    let patterns = cache.get(secret)
    // Global patterns: `replace` starts each at 0. The longest form first.
    if (!patterns) cache.set(secret, (patterns = secretForms(secret).map((form) => new RegExp(escapeRegExp(form), 'gi'))))
    for (const pattern of patterns) out = out.replace(pattern, REDACTED)
  }
  return out
}

/**
 * The patterns of each secret, kept with the list they came from: a transport passes its own list
 * with every request, so they are built once per client and go when it goes (never a process-wide
 * store of credentials).
 */
const patternsBySecrets = new WeakMap<readonly string[], Map<string, readonly RegExp[]>>()

/** The redacted copy of a request that errors and log events carry. */
export function redactRequest(
  request: { method: string; url: string; headers: HeadersLike },
  secrets: readonly string[] = [],
): RedactedRequest {
  return {
    method: request.method.toUpperCase(),
    url: redactText(request.url, secrets),
    headers: redactHeaders(request.headers, secrets),
  }
}

/**
 * A deep copy of a value (a log event, a server's clientData) with every string passed through
 * `redactText` and sensitive keys (`token_v2`, `cookie`, ...) blanked. Cycles are cut.
 */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
  const seen = new WeakSet<object>()
  const walk = (item: unknown, key?: string): unknown => {
    if (key !== undefined && (SENSITIVE_HEADERS.has(key.toLowerCase()) || key.toLowerCase() === 'token_v2')) {
      return item === undefined ? undefined : REDACTED
    }
    if (typeof item === 'string') return redactText(item, secrets)
    if (typeof item !== 'object' || item === null) return item
    if (seen.has(item)) return '[Circular]'
    seen.add(item)
    if (Array.isArray(item)) return item.map((entry) => walk(entry))
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(item)) {
      // A server's `__proto__` key is data: an own property, never the copy's prototype.
      Object.defineProperty(out, k, { value: walk(v, k), writable: true, enumerable: true, configurable: true })
    }
    return out
  }
  return walk(value) as T
}
