// The types of the ESM build below: a program that reaches this file by import (docs, consumers of
// the sources) does not include the folder's ambient declarations otherwise.
/// <reference path="./engineIoClient.d.ts" />
import { randomUUID } from 'node:crypto'
import { decodePrimusFrame, encodePrimusFrame } from '@notion-rx/protocol'
import { Fetch, Socket, WebSocket } from 'engine.io-client/dist/engine.io.esm.min.js'
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

type TransportClass = typeof Fetch | typeof WebSocket

let wsTransport: Promise<TransportClass | undefined> | undefined

/**
 * engine.io-client's websocket transport on the `ws` package, which can send the token cookie in
 * the handshake (a browser-style WebSocket cannot). `ws` is CommonJS and is loaded only here, on
 * first use: inside an ESM bundle it cannot load, and the connection then long-polls over fetch.
 */
function loadWsTransport(): Promise<TransportClass | undefined> {
  wsTransport ??= import('ws').then(
    ({ WebSocket: NodeWebSocket }) =>
      class WsTransport extends WebSocket {
        override createSocket(uri: string, protocols: string | string[] | undefined, opts: Record<string, unknown>) {
          return new NodeWebSocket(uri, protocols, opts)
        }
      },
    () => undefined,
  )
  return wsTransport
}

/**
 * The message store over engine.io-client (Engine.IO 4, `/primus-v8/`): a websocket with
 * long-polling as fallback, or long-polling only. engine.io answers its own heartbeats; the
 * monitor answers Primus's. Long-polling uses the global fetch, so that a program bundled as ESM
 * (esbuild, `--format=esm`) keeps its live updates.
 */
export function connectEngineIo(options: ConnectOptions & { transport: 'websocket' | 'polling' }): MessageStoreConnection {
  const { handlers, stats } = options
  let socket: Socket | undefined
  let opened = false
  let ended = false
  const end = (reason: string) => {
    if (ended) return
    ended = true
    handlers.close(reason, opened)
  }
  const ws = options.transport === 'websocket' ? loadWsTransport() : Promise.resolve(undefined)
  void ws.then((wsClass) => {
    if (ended) return
    const url = new URL(options.url)
    const transports: TransportClass[] = wsClass === undefined ? [Fetch] : [wsClass, Fetch]
    socket = new Socket(url.origin, {
      path: url.pathname,
      transports,
      // Websocket refused (a proxy)? Then long-polling, in the same attempt.
      tryAllTransports: transports.length > 1,
      upgrade: false,
      query: { sessionId: randomUUID() },
      extraHeaders: options.headers,
      closeOnBeforeunload: false,
    })
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
    socket.on('close', (reason) => end(reason))
    // Errors are followed by `close`; without a listener engine.io's emitter would throw them.
    socket.on('error', () => {})
  })
  return {
    send(value) {
      if (!ended && socket?.readyState === 'open') socket.send(encodePrimusFrame(value))
    },
    close() {
      ended = true
      socket?.close()
    },
  }
}
