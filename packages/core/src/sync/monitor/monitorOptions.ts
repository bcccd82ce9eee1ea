/** Where the live connection stands. `polling`: the message store cannot be reached, versions are polled. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'polling' | 'closed'

/**
 * How to reach the message store:
 * - `websocket`: `/primus-v8/`, Engine.IO 4 over a websocket, falling back to long-polling;
 * - `polling`: `/primus-v8/`, Engine.IO 4 long-polling only (proxies that block websockets);
 * - `eio3`: `/primus/`, Engine.IO 3 long-polling, the protocol notion-py spoke (with the
 *   engine.io heartbeats it forgot).
 */
export type MessageStoreTransport = 'websocket' | 'polling' | 'eio3'

/** Options of the monitor (live updates), given as `new NotionClient({ monitor: { ... } })`. */
export interface MonitorOptions {
  /**
   * The message store's URL, path included.
   * @default derived from the API host as the web app does: `https://msgstore.<api host>/primus-v8/`
   * for notion.so / notion.com hosts, the API's own origin otherwise (the emulator), `/primus/` for `eio3`.
   * @example 'http://127.0.0.1:3000/primus-v8/'
   */
  messageStoreUrl?: string
  /** @default 'websocket' */
  transport?: MessageStoreTransport
  /**
   * Interval of the fallback that polls record versions (syncRecordValues) while the message store
   * cannot be reached.
   * @default 5000
   */
  pollIntervalMs?: number
  /**
   * How long a record stays subscribed after its last observer left; a new observer within that
   * time keeps the subscription without a round trip.
   * @default 5000
   */
  unsubscribeGraceMs?: number
  /** First reconnect delay (doubled per failed attempt, with jitter). @default 250 */
  reconnectMinMs?: number
  /** Longest reconnect delay. @default 30000 */
  reconnectMaxMs?: number
  /**
   * Subscription changes within this window go out as one registerBatchSubscriptions /
   * unregisterBatchSubscriptions frame (at most 250 keys each, as the web app sends).
   * @default 10
   */
  subscribeBatchMs?: number
  /** Random source of the reconnect jitter (tests). @default Math.random */
  random?: () => number
}

export type ResolvedMonitorOptions = Required<Omit<MonitorOptions, 'messageStoreUrl'>> & { messageStoreUrl: string | undefined }

export function resolveMonitorOptions(options: MonitorOptions = {}): ResolvedMonitorOptions {
  return {
    messageStoreUrl: options.messageStoreUrl,
    transport: options.transport ?? 'websocket',
    pollIntervalMs: options.pollIntervalMs ?? 5_000,
    unsubscribeGraceMs: options.unsubscribeGraceMs ?? 5_000,
    reconnectMinMs: options.reconnectMinMs ?? 250,
    reconnectMaxMs: options.reconnectMaxMs ?? 30_000,
    subscribeBatchMs: options.subscribeBatchMs ?? 10,
    random: options.random ?? Math.random,
  }
}
