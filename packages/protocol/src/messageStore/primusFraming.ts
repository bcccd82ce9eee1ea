/**
 * Primus framing over engine.io (docs/protocol.md#message-store-transport): every engine.io message packet carries one
 * JSON-encoded value. Heartbeats are the JSON strings `"primus::ping::<ms>"` and
 * `"primus::pong::<ms>"`; everything else is a message object.
 */
export type PrimusFrame =
  | { kind: 'ping'; timestamp: string }
  | { kind: 'pong'; timestamp: string }
  | { kind: 'data'; value: unknown }
  /** Not JSON at all: receivers ignore it and keep the connection. */
  | { kind: 'malformed' }

const HEARTBEAT = /^primus::(ping|pong)::(\d+)$/

export function encodePrimusFrame(value: unknown): string {
  return JSON.stringify(value)
}

export function primusPing(timestamp: number | string): string {
  return encodePrimusFrame(`primus::ping::${timestamp}`)
}

export function primusPong(timestamp: number | string): string {
  return encodePrimusFrame(`primus::pong::${timestamp}`)
}

export function decodePrimusFrame(data: string | Uint8Array | ArrayBuffer): PrimusFrame {
  const text = typeof data === 'string' ? data : new TextDecoder().decode(data)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { kind: 'malformed' }
  }
  if (typeof value === 'string') {
    const heartbeat = HEARTBEAT.exec(value)
    if (heartbeat) return { kind: heartbeat[1] === 'ping' ? 'ping' : 'pong', timestamp: heartbeat[2]! }
  }
  return { kind: 'data', value }
}
