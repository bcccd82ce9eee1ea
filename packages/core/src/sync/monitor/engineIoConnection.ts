import { randomUUID } from 'node:crypto'
import { decodePrimusFrame, encodePrimusFrame } from '@notion-rx/protocol'
import { Socket } from 'engine.io-client'
import type { ConnectOptions, MessageStoreConnection } from './messageStoreConnection.js'

interface CountedPacket {
  data?: unknown
}

function packetBytes(packet: CountedPacket): number {
  const { data } = packet
  if (typeof data === 'string') return 1 + Buffer.byteLength(data)
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return 1 + data.byteLength
  return 1
}

/**
 * The message store over engine.io-client (Engine.IO 4, `/primus-v8/`): a websocket with
 * long-polling as fallback, or long-polling only. engine.io answers its own heartbeats; the
 * monitor answers Primus's.
 */
export function connectEngineIo(options: ConnectOptions & { transport: 'websocket' | 'polling' }): MessageStoreConnection {
  const { handlers, stats } = options
  const url = new URL(options.url)
  const socket = new Socket(url.origin, {
    path: url.pathname,
    transports: options.transport === 'websocket' ? ['websocket', 'polling'] : ['polling'],
    // Websocket refused (a proxy)? Then long-polling, in the same attempt.
    tryAllTransports: options.transport === 'websocket',
    upgrade: false,
    query: { sessionId: randomUUID() },
    extraHeaders: options.headers,
    closeOnBeforeunload: false,
  })
  let opened = false
  let ended = false
  socket.on('packet', (packet) => {
    stats.framesIn++
    stats.bytesIn += packetBytes(packet)
  })
  socket.on('packetCreate', (packet) => {
    stats.framesOut++
    stats.bytesOut += packetBytes(packet)
  })
  socket.on('open', () => {
    opened = true
    handlers.open()
  })
  socket.on('message', (data) => handlers.frame(decodePrimusFrame(typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer))))
  socket.on('close', (reason) => {
    if (ended) return
    ended = true
    handlers.close(reason, opened)
  })
  // Errors are followed by `close`; without a listener engine.io's emitter would throw them.
  socket.on('error', () => {})
  return {
    send(value) {
      if (!ended && socket.readyState === 'open') socket.send(encodePrimusFrame(value))
    },
    close() {
      ended = true
      socket.close()
    },
  }
}
