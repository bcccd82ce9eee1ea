import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** Why a request was refused; the server answers 403 with this text. */
export type Refusal = 'host' | 'origin' | 'token'

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

export function newAccessToken(): string {
  return randomBytes(24).toString('base64url')
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}

/**
 * The dashboard's door: a request must name an allowed Host (against DNS rebinding: a page of
 * another site whose name points at 127.0.0.1 sends its own name), come from no other Origin
 * (against cross-site requests), and carry the access token (in the URL once, then a cookie).
 */
export class AccessGuard {
  readonly token: string
  readonly cookieName: string
  readonly #hosts: Set<string>
  readonly #origins: Set<string>

  constructor(options: { token: string; port: number; host: string }) {
    this.token = options.token
    // One cookie per port: dashboards on other ports of the same host have their own tokens.
    this.cookieName = `notion_rx_dashboard_${options.port}`
    const names = new Set(LOOPBACK_NAMES)
    const host = options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host
    if (!['0.0.0.0', '[::]'].includes(host)) names.add(host)
    this.#hosts = new Set([...names].map((name) => `${name}:${options.port}`))
    this.#origins = new Set([...this.#hosts].map((hostPort) => `http://${hostPort}`))
  }

  /** The token from `?token=`, the cookie or an `Authorization: Bearer` header. */
  tokenOf(request: IncomingMessage, url: URL): string | undefined {
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1]
    return url.searchParams.get('token') ?? bearer ?? cookieValue(request.headers.cookie, this.cookieName)
  }

  /** `undefined` when the request may go on, else why not. */
  check(request: IncomingMessage, url: URL): Refusal | undefined {
    if (!this.#hosts.has(request.headers.host ?? '')) return 'host'
    const origin = request.headers.origin
    if (origin !== undefined && !this.#origins.has(origin)) return 'origin'
    // A browser says when a request comes from another site, even without an Origin header.
    const site = request.headers['sec-fetch-site']
    if (site === 'cross-site') return 'origin'
    if (!sameSecret(this.tokenOf(request, url), this.token)) return 'token'
    return undefined
  }

  /** Writes must come from the dashboard's own page: an Origin of ours is required. */
  checkWrite(request: IncomingMessage): Refusal | undefined {
    const origin = request.headers.origin
    return origin !== undefined && this.#origins.has(origin) ? undefined : 'origin'
  }

  setCookie(): string {
    return `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`
  }
}
