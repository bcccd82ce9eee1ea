import type { Subscription } from 'rxjs'
import type { LiveSource } from './liveSources.js'
import { FIRST_WINDOW, isWindowed } from './viewLayout.js'
import type { ChannelModel, Patch, Row, ServerEvent } from './viewModel.js'

/** Most rows a tab may ask for at once. */
export const MAX_ROWS_PER_REQUEST = 500

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

/** What a tab gets on joining: a table's first rows only (it asks for the rest as it scrolls). */
function snapshotModel(model: ChannelModel): ChannelModel {
  if (model.kind !== 'view' || !isWindowed(model.meta.view.type)) return model
  const rows: Record<string, Row> = {}
  for (const id of model.order.slice(0, FIRST_WINDOW)) {
    const row = model.rows[id]
    if (row) rows[id] = row
  }
  return { ...model, rows }
}

class Channel {
  readonly listeners = new Set<ChannelListener>()
  model: ChannelModel | undefined
  error: string | undefined
  subscription: Subscription | undefined
  source: LiveSource | undefined
  stopTimer: NodeJS.Timeout | undefined
  #snapshot: string | undefined

  readonly key: string

  constructor(key: string) {
    this.key = key
  }

  start(source: LiveSource): void {
    this.source = source
    this.subscription = source.models.subscribe({
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
    this.#snapshot ??= serverEvent({ type: 'snapshot', channel: this.key, model: snapshotModel(this.model) })
    return this.#snapshot
  }

  /** Lays out rows a tab asked for; from then on, patches keep them up to date. */
  rows(ids: readonly string[]): Record<string, Row> {
    const model = this.model
    if (model?.kind !== 'view' || !this.source?.rows) return {}
    const rows = this.source.rows(ids)
    // The model knows them now, so the next diff sends only their changes.
    this.model = { ...model, rows: { ...model.rows, ...rows } }
    return rows
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

  /** Rows of a running view channel, laid out for a tab that scrolled to them. */
  rows(key: string, ids: readonly string[]): Record<string, Row> {
    return this.#channels.get(key)?.rows(ids) ?? {}
  }

  join(key: string, source: () => LiveSource, listener: ChannelListener): () => void {
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
