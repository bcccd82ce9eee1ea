import { createHmac, timingSafeEqual } from 'node:crypto'

/** The header a webhook sink signs its requests with: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'notion-rx-signature'

/** `t=…,v1=…` for `body` sent at `timestamp` (unix seconds): HMAC-SHA256 with `secret` over `${timestamp}.${body}`. */
export function signWebhook(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
  return `t=${timestamp},v1=${mac}`
}

export interface VerifyWebhookOptions {
  /** Older signatures are refused (replays). @default 300 */
  toleranceSeconds?: number
  /** Unix seconds now (tests). */
  now?: number
}

/**
 * For receivers: whether `header` (the `notion-rx-signature` value) signs `body` (the raw request
 * body, exactly as received) with `secret`, within the tolerance. Compares in constant time; any
 * `v1` of the header may match (several while a secret is being rotated).
 * @example if (!verifyWebhookSignature(secret, rawBody, req.headers['notion-rx-signature'])) res.writeHead(401)
 */
export function verifyWebhookSignature(secret: string, body: string | Uint8Array, header: string | string[] | undefined, options: VerifyWebhookOptions = {}): boolean {
  if (typeof header !== 'string' || header.length > 1024) return false
  let timestamp: number | undefined
  const signatures: string[] = []
  for (const part of header.split(',')) {
    const [key, value] = part.split('=', 2).map((piece) => piece.trim())
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value)
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value)
  }
  if (timestamp === undefined || signatures.length === 0) return false
  const now = options.now ?? Math.floor(Date.now() / 1000)
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8')
  const expected = createHmac('sha256', secret).update(`${timestamp}.${text}`).digest()
  return signatures.some((signature) => timingSafeEqual(expected, Buffer.from(signature, 'hex')))
}
