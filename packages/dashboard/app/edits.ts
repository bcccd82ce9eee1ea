import type { CellValue, DashboardAction } from '../src/viewModel.js'
import type { DashboardConnection } from './connection.js'

/** A value shown before the server confirms it. */
export type PendingValue = CellValue

/**
 * Optimistic edits: a value shows at once (keyed by record and field) until the server answers;
 * a refused edit is dropped (the model's value shows again) and its error is listed.
 */
export class Edits {
  readonly pending = new Map<string, PendingValue>()
  readonly failures: { id: number; message: string }[] = []
  #next = 0
  #listeners = new Set<() => void>()
  readonly #connection: DashboardConnection

  constructor(connection: DashboardConnection) {
    this.#connection = connection
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  value<T extends PendingValue>(key: string, fallback: T): T {
    return (this.pending.has(key) ? this.pending.get(key) : fallback) as T
  }

  async run(key: string, optimistic: PendingValue, action: DashboardAction): Promise<void> {
    this.pending.set(key, optimistic)
    this.#notify()
    const reply = await this.#connection.act(action)
    this.pending.delete(key)
    if (!reply.ok) {
      const failure = { id: ++this.#next, message: reply.error }
      this.failures.push(failure)
      window.setTimeout(() => this.dismiss(failure.id), 8000)
    }
    this.#notify()
  }

  dismiss(id: number): void {
    const index = this.failures.findIndex((failure) => failure.id === id)
    if (index >= 0) this.failures.splice(index, 1)
    this.#notify()
  }

  #notify(): void {
    for (const listener of this.#listeners) listener()
  }
}
