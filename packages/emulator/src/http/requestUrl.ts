import type { IncomingMessage } from 'node:http'

const BASE = 'http://emulator.invalid'

/**
 * The request's target as a URL, or undefined when it is not one the emulator can read. Never
 * throws: `new URL('//', base)` and `new URL('//[::1', base)` do, because a target starting with
 * `//` reads as a host, so an origin-form target (`/…`) is appended to a fixed origin instead.
 */
export function requestUrl(request: Pick<IncomingMessage, 'url'>): URL | undefined {
  const target = request.url ?? '/'
  try {
    if (target.startsWith('/')) return new URL(`${BASE}${target}`)
    // The absolute form (`GET http://host/path`), as proxies send it; `*` and the rest are not ours.
    if (/^https?:\/\//i.test(target)) {
      const absolute = new URL(target)
      return new URL(`${BASE}${absolute.pathname}${absolute.search}`)
    }
  } catch {
    // Falls through: not a URL.
  }
  return undefined
}
