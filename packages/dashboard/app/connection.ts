import type { ActionReply, ChannelModel, ConnectionStatus, DashboardAction, Patch, Row, ServerEvent } from '../src/viewModel.js'

/** What the status badge shows: the server's monitor state, or `reconnecting` while the tab lost the server. */
export type TabStatus = ConnectionStatus | 'offline'

type Listener = () => void

function applyPatch(model: ChannelModel | undefined, patch: Patch): ChannelModel | undefined {
  if (patch.kind === 'page') return { kind: 'page', page: patch.page }
  if (!model || model.kind !== 'view') return model
  let rows = model.rows
  if (patch.rows) {
    rows = { ...model.rows }
    for (const [id, row] of Object.entries(patch.rows)) {
      if (row === null) delete rows[id]
      else rows[id] = row as Row
    }
  }
  return { kind: 'view', meta: patch.meta ?? model.meta, order: patch.order ?? model.order, rows }
}

/**
 * The tab's link to the dashboard server: one EventSource carrying every channel the tab shows
 * (snapshots, then patches), and POSTs for subscriptions and edits. EventSource reconnects by
 * itself; the tab subscribes again on each `hello`.
 */
export class DashboardConnection {
  readonly models = new Map<string, ChannelModel>()
  readonly errors = new Map<string, string>()
  status: TabStatus = 'connecting'
  readOnly = false
  #tab: string | undefined
  #wanted = new Map<string, number>()
  #listeners = new Set<Listener>()
  #source: EventSource | undefined
  #subscribeTimer: number | undefined
  /** Rows asked for and not come yet, per channel; and those to ask for at the next tick. */
  #requested = new Map<string, Set<string>>()
  #toRequest = new Map<string, Set<string>>()
  #rowsTimer: number | undefined

  connect(): void {
    const source = new EventSource('/events')
    this.#source = source
    source.onmessage = (message) => this.#onEvent(JSON.parse(message.data as string) as ServerEvent)
    source.onerror = () => {
      this.status = 'reconnecting'
      this.#tab = undefined
      this.#notify()
    }
  }

  close(): void {
    this.#source?.close()
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Shows a channel while the returned function is not called. */
  want(channel: string): () => void {
    this.#wanted.set(channel, (this.#wanted.get(channel) ?? 0) + 1)
    this.#scheduleSubscribe()
    return () => {
      const count = (this.#wanted.get(channel) ?? 1) - 1
      if (count > 0) this.#wanted.set(channel, count)
      else this.#wanted.delete(channel)
      this.#scheduleSubscribe()
    }
  }

  /**
   * Asks for rows of a view the tab scrolled to (a table's snapshot carries its first rows only).
   * Batched per tick; a row already asked for is not asked again until it came.
   */
  requestRows(channel: string, ids: readonly string[]): void {
    const requested = this.#requested.get(channel) ?? new Set<string>()
    this.#requested.set(channel, requested)
    const batch = this.#toRequest.get(channel) ?? new Set<string>()
    for (const id of ids) {
      if (requested.has(id)) continue
      requested.add(id)
      batch.add(id)
    }
    if (batch.size === 0) return
    this.#toRequest.set(channel, batch)
    this.#rowsTimer ??= window.setTimeout(() => {
      this.#rowsTimer = undefined
      const tab = this.#tab
      const batches = [...this.#toRequest]
      this.#toRequest.clear()
      for (const [key, wanted] of batches) {
        const ids = [...wanted].slice(0, 500)
        const forget = () => {
          for (const id of ids) this.#requested.get(key)?.delete(id)
        }
        if (!tab) {
          forget()
          continue
        }
        const body = JSON.stringify({ tab, channel: key, ids })
        void fetch('/api/rows', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
          .then((response) => {
            if (!response.ok) forget()
          })
          .catch(forget)
      }
    }, 0)
  }

  async act(action: DashboardAction): Promise<ActionReply> {
    try {
      const response = await fetch('/api/action', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(action) })
      const reply = (await response.json()) as ActionReply
      return reply
    } catch (error) {
      return { ok: false, error: `The dashboard server did not answer (${(error as Error).message})` }
    }
  }

  #scheduleSubscribe(): void {
    if (this.#subscribeTimer !== undefined) return
    this.#subscribeTimer = window.setTimeout(() => {
      this.#subscribeTimer = undefined
      void this.#sendSubscriptions()
    }, 0)
  }

  async #sendSubscriptions(): Promise<void> {
    const tab = this.#tab
    if (!tab) return
    const channels = [...this.#wanted.keys()]
    for (const key of [...this.models.keys()]) if (!this.#wanted.has(key)) this.models.delete(key)
    // Rows asked for on a stream that ended are asked for again by the views that miss them.
    this.#requested.clear()
    await fetch('/api/subscribe', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tab, channels }) }).catch(() => {})
  }

  #onEvent(event: ServerEvent): void {
    switch (event.type) {
      case 'hello':
        this.#tab = event.tab
        this.readOnly = event.readOnly
        void this.#sendSubscriptions()
        break
      case 'status':
        this.status = event.status
        break
      case 'snapshot':
        this.errors.delete(event.channel)
        this.models.set(event.channel, event.model)
        this.#requested.delete(event.channel)
        break
      case 'rows': {
        const model = this.models.get(event.channel)
        if (model?.kind === 'view') this.models.set(event.channel, { ...model, rows: { ...model.rows, ...event.rows } })
        const requested = this.#requested.get(event.channel)
        for (const id of Object.keys(event.rows)) requested?.delete(id)
        break
      }
      case 'patch': {
        const next = applyPatch(this.models.get(event.channel), event.patch)
        if (next) this.models.set(event.channel, next)
        break
      }
      case 'error':
        this.errors.set(event.channel, event.message)
        break
    }
    this.#notify()
  }

  #notify(): void {
    for (const listener of this.#listeners) listener()
  }
}
