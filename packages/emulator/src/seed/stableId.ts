import { createHash } from 'node:crypto'

/**
 * A dashed UUID derived from a name, shaped like a v5 UUID (SHA-1 of a namespace and the name,
 * version and variant bits set), so seeded records get the same ids on every run.
 * @example stableId('demo/home') // always the same 8-4-4-4-12 id
 */
export function stableId(name: string, namespace = 'notion-rx'): string {
  const bytes = createHash('sha1').update(`${namespace}\u0000${name}`).digest().subarray(0, 16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x50
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
