import type { Observable, Subscription } from 'rxjs'
import type { ChannelModel, Patch, Row, ServerEvent } from './viewModel.js'

/** Receives a channel's events, already serialized (one string for every tab). */
export type ChannelListener = (event: string) => void

/** What changed between two models of a channel; `undefined` when nothing did. */
export function diffModels(before: ChannelModel, after: ChannelModel): Patch | undefined {
  if (after.kind === 'page') {
    return before.kind === 'page' && JSON.stringify(before.page) === JSON.stringify(after.page) ? undefined : { kind: 'page', page: after.page }
  }
  if (before.kind !== 'view') return { kind: 'view', meta: after.meta, order: after.order, rows: after.rows }
  const patch: Extract<Patch, { kind: 'view' }> = { kind: 'view' }
  if (JSON.stringify(before.meta) !== JSON.stringify(after.meta)) patch.meta = after.meta
  if (before.order.length !== after.order.length || before.order.some((id, index) => after.order[index] !== id)) patch.order = after.order
  const rows: Record<string, Row | null> = {}
  let changed = false
  // Rows are cached per stored value, so an unchanged row is the same object.
  for (const [id, row] of Object.entries(after.rows)) {
    if (before.rows[id] !== row) {
      rows[id] = row
      changed = true
    }
  }
  for (const id of Object.keys(before.rows)) {
    if (!(id in after.rows)) {
      rows[id] = null
      changed = true
    }
  }
  if (changed) patch.rows = rows
  return patch.meta || patch.order || patch.rows ? patch : undefined
}

export function serverEvent(event: ServerEvent): string {
  return `data: ${JSON.stringify(event)}\n\n`
}

class Channel {
  readonly listeners = new Set<ChannelListener>()
  model: ChannelModel | undefined
  error: string | undefined
  subscription: Subscription | undefined
  stopTimer: NodeJS.Timeout | undefined
  #snapshot: string | undefined

  readonly key: string

  constructor(key: string) {
    this.key = key
  }

  start(source: Observable<ChannelModel>): void {
    this.subscription = source.subscribe({
      next: (model) => this.#update(model),
      error: (error: unknown) => {
        this.error = error instanceof Error ? error.message : String(error)
        this.#send(serverEvent({ type: 'error', channel: this.key, message: this.error }))
      },
    })
  }

  snapshot(): string | undefined {
    if (this.error !== undefined) return serverEvent({ type: 'error', channel: this.key, message: this.error })
    if (!this.model) return undefined
    this.#snapshot ??= serverEvent({ type: 'snapshot', channel: this.key, model: this.model })
    return this.#snapshot
  }

  #update(model: ChannelModel): void {
    const before = this.model
    this.model = model
    if (!before) {
      this.#snapshot = undefined
      const snapshot = this.snapshot()
      if (snapshot) this.#send(snapshot)
      return
    }
    const patch = diffModels(before, model)
    if (!patch) return
    this.#snapshot = undefined
    this.#send(serverEvent({ type: 'patch', channel: this.key, patch }))
  }

  #send(event: string): void {
    for (const listener of this.listeners) listener(event)
  }
}

/**
 * Live channels shared by every tab: one live query (or page reader) per channel, however many
 * tabs show it. A tab joining gets the current snapshot, then patches. A channel stops
 * `lingerMs` after its last tab leaves (a tab switching views or reconnecting comes back to it warm).
 */
export class ChannelHub {
  readonly #channels = new Map<string, Channel>()
  readonly #lingerMs: number

  constructor(options: { lingerMs?: number } = {}) {
    this.#lingerMs = options.lingerMs ?? 10_000
  }

  get size(): number {
    return this.#channels.size
  }

  /** The current model of a running channel. */
  model(key: string): ChannelModel | undefined {
    return this.#channels.get(key)?.model
  }

  /** Every running channel's model. */
  models(): ChannelModel[] {
    return [...this.#channels.values()].flatMap((channel) => (channel.model ? [channel.model] : []))
  }

  join(key: string, source: () => Observable<ChannelModel>, listener: ChannelListener): () => void {
    let channel = this.#channels.get(key)
    if (!channel) {
      channel = new Channel(key)
      this.#channels.set(key, channel)
      channel.start(source())
    }
    if (channel.stopTimer) {
      clearTimeout(channel.stopTimer)
      channel.stopTimer = undefined
    }
    channel.listeners.add(listener)
    const snapshot = channel.snapshot()
    if (snapshot) listener(snapshot)
    const joined = channel
    return () => {
      joined.listeners.delete(listener)
      if (joined.listeners.size > 0 || joined.stopTimer) return
      joined.stopTimer = setTimeout(() => this.#stop(joined), this.#lingerMs)
      joined.stopTimer.unref()
    }
  }

  #stop(channel: Channel): void {
    if (channel.listeners.size > 0) return
    channel.subscription?.unsubscribe()
    this.#channels.delete(channel.key)
  }

  close(): void {
    for (const channel of this.#channels.values()) {
      if (channel.stopTimer) clearTimeout(channel.stopTimer)
      channel.subscription?.unsubscribe()
    }
    this.#channels.clear()
  }
}
