import { PipeError } from './pipeError.js'
import { parseRedisTarget, type RedisTarget } from './sinks/redisConnection.js'

/** What `--to` names: stdout, a file, a webhook, a Redis stream. */
export type SinkTarget =
  | { kind: 'stdout' }
  | { kind: 'file'; path: string }
  | { kind: 'webhook'; url: string }
  | { kind: 'redis'; target: RedisTarget }

/**
 * Parses `--to`: `ndjson` or `-` (stdout), `<file>.ndjson` / `.jsonl` (or `file:<path>`),
 * `webhook:<http(s) url>`, `redis://host:port/<stream>` (rediss:// for TLS).
 * @throws PipeError `invalid_target` for anything else, naming the forms it accepts
 */
export function parseSinkTarget(to: string): SinkTarget {
  const text = to.trim()
  if (text === 'ndjson' || text === '-' || text === 'stdout') return { kind: 'stdout' }
  if (text.startsWith('webhook:')) {
    const url = text.slice('webhook:'.length)
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch (error) {
      throw new PipeError('invalid_target', `--to webhook:<url> needs an http(s) URL, got ${JSON.stringify(url)}`, { cause: error })
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new PipeError('invalid_target', `--to webhook:<url> needs an http(s) URL, got a ${parsed.protocol} URL`)
    return { kind: 'webhook', url }
  }
  if (/^rediss?:\/\//i.test(text)) return { kind: 'redis', target: parseRedisTarget(text) }
  if (text.startsWith('file:')) return { kind: 'file', path: text.slice('file:'.length) }
  if (/\.(ndjson|jsonl)$/i.test(text) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return { kind: 'file', path: text }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]
  throw new PipeError(
    'invalid_target',
    `${scheme ? `unknown sink scheme "${scheme}:"` : `unknown sink ${JSON.stringify(text)}`}; use ndjson, -, <file>.ndjson, webhook:<url> or redis://host:port/<stream>`,
  )
}
