import { randomUUID } from 'node:crypto'
import { operationTarget, type Operation } from '@notion-rx/protocol'
import { Subject, type Observable } from 'rxjs'
import type { RecordStore } from '../store/recordStore.js'

/** One request's worth of writes, as handed to the transport. */
export interface TransactionBatch {
  /** Sent as the request id; a retried request with the same id is not applied twice. */
  requestId: string
  /** Sent as the transaction id (and the optimistic layer's id). */
  transactionId: string
  spaceId: string | undefined
  operations: Operation[]
}

export interface TransactionQueueOptions {
  store: RecordStore
  /** Sends one batch; resolves when the server committed it, rejects with why it did not. */
  submit: (batch: TransactionBatch) => Promise<void>
  /** Told of each batch when it is sealed, before it waits for the ones ahead (the cache keeps it durably). */
  sealed?: (batch: TransactionBatch) => void
  /** The user the `last_edited_*` fields name. */
  userId: () => string | undefined
  /** When a batch closes; tests inject their own. @default setImmediate */
  schedule?: (flush: () => void) => void
  now?: () => number
}

interface OpenBatch {
  batch: TransactionBatch
  settle: { resolve: () => void; reject: (error: unknown) => void }[]
}

/**
 * Collects every operation issued in one tick (or inside `transaction()`, nestable) into ONE
 * request, applied optimistically at once as a store layer, squashed on commit and dropped on
 * rejection. Requests go out one at a time, in order, so a later write never overtakes an earlier.
 */
export class TransactionQueue {
  readonly #options: TransactionQueueOptions
  readonly #errors = new Subject<unknown>()
  #open: OpenBatch | undefined
  #depth = 0
  #scheduled = false
  #inFlight: Promise<void> = Promise.resolve()
  #pending = new Set<Promise<void>>()

  /** Every rejected write's error, as a value (the stream itself never errors). */
  readonly errors$: Observable<unknown> = this.#errors.asObservable()

  constructor(options: TransactionQueueOptions) {
    this.#options = options
  }

  /** Queues operations (applied to the store now) and resolves when the request carrying them commits. */
  enqueue(operations: readonly Operation[]): Promise<void> {
    if (operations.length === 0) return Promise.resolve()
    const open = (this.#open ??= this.#newBatch(operations))
    open.batch.operations.push(...operations)
    this.#options.store.dispatch({ type: 'optimisticApplied', layerId: open.batch.transactionId, operations })
    const done = new Promise<void>((resolve, reject) => open.settle.push({ resolve, reject }))
    this.#schedule()
    return done
  }

  /**
   * Runs `work`; every write it issues (also after awaits inside it) goes out in one request when
   * the outermost transaction ends. If `work` throws, its writes are rolled back and not sent.
   */
  async transaction<T>(work: () => Promise<T> | T): Promise<T> {
    this.#depth++
    let failed = false
    try {
      return await work()
    } catch (error) {
      failed = true
      throw error
    } finally {
      this.#depth--
      if (this.#depth === 0) {
        if (failed) this.#discardOpen(new Error('transaction callback threw; its writes were rolled back'))
        else this.#closeBatch()
      }
    }
  }

  /** Resolves when everything queued so far has committed; rejects with the first failure. */
  async flush(): Promise<void> {
    this.#closeBatch()
    const pending = [...this.#pending]
    const results = await Promise.allSettled(pending)
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected')
    if (failure) throw failure.reason
  }

  #newBatch(operations: readonly Operation[]): OpenBatch {
    const first = operations[0]
    const spaceId = first ? operationTarget(first).spaceId : undefined
    return { batch: { requestId: randomUUID(), transactionId: randomUUID(), spaceId, operations: [] }, settle: [] }
  }

  #schedule(): void {
    if (this.#scheduled || this.#depth > 0) return
    this.#scheduled = true
    const schedule = this.#options.schedule ?? ((flush: () => void) => void setImmediate(flush))
    schedule(() => {
      this.#scheduled = false
      if (this.#depth === 0) this.#closeBatch()
    })
  }

  #discardOpen(reason: unknown): void {
    const open = this.#open
    this.#open = undefined
    if (!open) return
    this.#options.store.dispatch({ type: 'txRejected', layerId: open.batch.transactionId })
    for (const { reject } of open.settle) reject(reason)
  }

  /** Seals the open batch (adding `last_edited_*` once per touched block) and sends it after the previous one. */
  #closeBatch(): void {
    const open = this.#open
    if (!open || this.#depth > 0) return
    this.#open = undefined
    const audit = this.#auditOperations(open.batch.operations)
    if (audit.length) {
      open.batch.operations.push(...audit)
      this.#options.store.dispatch({ type: 'optimisticApplied', layerId: open.batch.transactionId, operations: audit })
    }
    this.#options.sealed?.(open.batch)
    this.#send(open)
  }

  /**
   * Sends a batch sealed by an earlier process (the durable cache's queue of unconfirmed writes),
   * with its own request id, so a server that already applied it does not apply it again. It is
   * applied optimistically now and goes out in order with the others. Once committed, `confirm`
   * reads the records it touched back from the server before its layer is dropped: the server may
   * have applied it before (then the usual "one version more" squash would guess wrong).
   */
  replay(batch: TransactionBatch, confirm: (batch: TransactionBatch) => Promise<void>): Promise<void> {
    this.#options.store.dispatch({ type: 'optimisticApplied', layerId: batch.transactionId, operations: batch.operations })
    const done = new Promise<void>((resolve, reject) => this.#send({ batch, settle: [{ resolve, reject }] }, confirm))
    done.catch(() => {})
    return done
  }

  #send(open: OpenBatch, confirm?: (batch: TransactionBatch) => Promise<void>): void {
    const { store, submit } = this.#options
    const sent = this.#inFlight.then(async () => {
      await submit(open.batch)
      await confirm?.(open.batch).catch(() => {})
    })
    this.#inFlight = sent.catch(() => undefined)
    const settled = sent.then(
      () => {
        // A confirmed replay's records are in the base already: its layer is only dropped.
        store.dispatch({ type: confirm ? 'txRejected' : 'txCommitted', layerId: open.batch.transactionId })
        for (const { resolve } of open.settle) resolve()
      },
      (error: unknown) => {
        store.dispatch({ type: 'txRejected', layerId: open.batch.transactionId })
        for (const { reject } of open.settle) reject(error)
        this.#errors.next(error)
        throw error
      },
    )
    this.#pending.add(settled)
    settled.then(
      () => this.#pending.delete(settled),
      () => this.#pending.delete(settled),
    )
  }

  #auditOperations(operations: readonly Operation[]): Operation[] {
    const userId = this.#options.userId()
    const now = (this.#options.now ?? Date.now)()
    const seen = new Set<string>()
    const audit: Operation[] = []
    for (const op of operations) {
      const target = operationTarget(op)
      if (target.table !== 'block' || seen.has(target.id)) continue
      seen.add(target.id)
      audit.push({
        pointer: target,
        path: [],
        command: 'update',
        args: {
          last_edited_time: now,
          ...(userId ? { last_edited_by_id: userId, last_edited_by_table: 'notion_user' } : {}),
        },
      })
    }
    return audit
  }
}
