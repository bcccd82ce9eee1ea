import type { PrimusFrame } from '@notion-rx/protocol'

/** Engine.IO packets counted on one client (heartbeats included), for diagnostics and the benchmark. */
export interface TrafficStats {
  framesIn: number
  framesOut: number
  /** Bytes of engine.io packets (type + data), without HTTP or websocket framing. */
  bytesIn: number
  bytesOut: number
}

export interface ConnectionHandlers {
  open(): void
  frame(frame: PrimusFrame): void
  /** Once per connection; `opened` says whether it ever was open (false: the server could not be reached). */
  close(reason: string, opened: boolean): void
}

export interface ConnectOptions {
  /** The message store's URL, path included. */
  url: string
  /** Handshake headers: the token cookie and the active user. */
  headers: Record<string, string>
  handlers: ConnectionHandlers
  stats: TrafficStats
}

/** One connection to the message store, whatever the transport underneath. */
export interface MessageStoreConnection {
  /** Sends one Primus frame (a JSON value). Dropped when not open. */
  send(value: unknown): void
  /** Ends the connection and every timer and request it holds; `close` is not reported after this. */
  close(): void
}

export type Connect = (options: ConnectOptions) => MessageStoreConnection
