import type { PrimusFrame } from '@notion-rx/protocol'
import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs'
import { connectEio3 } from './eio3PollingConnection.js'
import { connectEngineIo } from './engineIoConnection.js'
import type { Connect, MessageStoreConnection } from './messageStoreConnection.js'
import type { ConnectionState, MessageStoreTransport, ResolvedMonitorOptions } from './monitorOptions.js'
import type { MonitorStats } from './monitorStats.js'
import { reconnectDelay } from './reconnectDelay.js'

export interface ConnectionSupervisorOptions {
  /** The message store's URL, path included. */
  url: string
  /** Handshake headers, read on every (re)connect. */
  headers: Record<string, string>
  options: Pick<ResolvedMonitorOptions, 'transport' | 'pollIntervalMs' | 'reconnectMinMs' | 'reconnectMaxMs' | 'random'>
  /** Opens connections; tests inject their own. @default by `options.transport` */
  connect?: Connect | undefined
  /** Counts connects and polls; the connection counts its traffic into it. */
  stats: MonitorStats
  /** A session opened (register what is followed). */
  opened: () => void
  /** The session ended, or never opened. */
  dropped: () => void
  /** A message (a Primus data frame's value). */
  received: (message: unknown) => void
  /** The fallback while the message store cannot be reached: look for newer versions. */
  poll: () => void
}

function defaultConnect(transport: MessageStoreTransport): Connect {
  return transport === 'eio3' ? connectEio3 : (options) => connectEngineIo({ ...options, transport })
}

/**
 * Keeps one connection to the message store: connects, answers Primus heartbeats, reconnects with
 * backoff and jitter after a drop, and polls versions while the server cannot be reached at all.
 * Its state: connecting → live; reconnecting after a drop; polling while unreachable; closed.
 */
export class ConnectionSupervisor {
  /** Where the connection stands, each state once. */
  readonly state$: Observable<ConnectionState>
  readonly #state = new BehaviorSubject<ConnectionState>('connecting')
  readonly #options: ConnectionSupervisorOptions
  readonly #connect: Connect
  #connection: MessageStoreConnection | undefined
  /** The connection whose events count; events of an earlier one are ignored. */
  #connectionToken: object | undefined
  #attempt = 0
  #reconnectTimer: NodeJS.Timeout | undefined
  #pollTimer: NodeJS.Timeout | undefined
  #closed = false

  constructor(options: ConnectionSupervisorOptions) {
    this.#options = options
    this.state$ = this.#state.pipe(distinctUntilChanged())
    this.#connect = options.connect ?? defaultConnect(options.options.transport)
  }

  get state(): ConnectionState {
    return this.#state.getValue()
  }

  /** Opens the first connection (later ones open by themselves). */
  start(): void {
    if (this.#closed) return
    const token = {}
    this.#connectionToken = token
    const current = () => this.#connectionToken === token && !this.#closed
    const { url, headers, stats } = this.#options
    this.#connection = this.#connect({
      url,
      headers,
      stats,
      handlers: {
        open: () => current() && this.#onOpen(),
        frame: (frame) => current() && this.#onFrame(frame),
        close: (_reason, opened) => current() && this.#onClose(opened),
      },
    })
  }

  /** Sends one message on the current connection (dropped when there is none). */
  send(value: unknown): void {
    this.#connection?.send(value)
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    clearTimeout(this.#reconnectTimer)
    clearInterval(this.#pollTimer)
    this.#connectionToken = undefined
    this.#connection?.close()
    this.#connection = undefined
    this.#state.next('closed')
    this.#state.complete()
  }

  #onOpen(): void {
    this.#attempt = 0
    this.#options.stats.connects++
    clearInterval(this.#pollTimer)
    this.#pollTimer = undefined
    this.#options.opened()
    this.#state.next('live')
  }

  #onFrame(frame: PrimusFrame): void {
    if (frame.kind === 'ping') this.send(`primus::pong::${frame.timestamp}`)
    else if (frame.kind === 'data') this.#options.received(frame.value)
  }

  #onClose(opened: boolean): void {
    this.#connection = undefined
    this.#connectionToken = undefined
    this.#options.dropped()
    if (opened) this.#state.next('reconnecting')
    else this.#startPolling()
    const { reconnectMinMs, reconnectMaxMs, random } = this.#options.options
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined
      this.start()
    }, reconnectDelay(this.#attempt++, reconnectMinMs, reconnectMaxMs, random))
  }

  #startPolling(): void {
    this.#state.next('polling')
    if (this.#pollTimer) return
    this.#poll()
    this.#pollTimer = setInterval(() => this.#poll(), this.#options.options.pollIntervalMs)
  }

  #poll(): void {
    this.#options.stats.polls++
    this.#options.poll()
  }
}
