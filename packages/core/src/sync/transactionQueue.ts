import { randomUUID } from 'node:crypto'
import { operationTarget, type Operation } from '@notion-rx/protocol'
import { Subject, type Observable } from 'rxjs'
import type { NotifyManager } from '../store/notifyManager.js'
import type { RecordStore } from '../store/recordStore.js'
import { isUnknownOutcome, UnknownWriteOutcomeError } from '../transport/errors/unknownWriteOutcomeError.js'

/** Waits before each re-send of a write of unknown outcome: the network had just failed. */
const DEFAULT_RESEND_DELAYS_MS: readonly number[] = [250, 1_000, 4_000]
import { NotionError } from '../transport/errors/notionError.js'

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
  /** Closes each tick's batch (on its next turn). @default the store's notify manager */
  notifyManager?: NotifyManager | undefined
  now?: () => number
  /**
   * Waits before the re-sends that settle a write of unknown outcome (one re-send per entry,
   * same request and transaction ids, so the server applies it at most once).
   * @default [250, 1000, 4000]
   */
  resendDelaysMs?: readonly number[]
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
  readonly #errors = new Subject<NotionError>()
  #open: OpenBatch | undefined
  #depth = 0
  /** Closes the open batch on the next turn, once however many writes the tick issued. */
  readonly #closeNextTurn: () => void
  #inFlight: Promise<void> = Promise.resolve()
  #pending = new Set<Promise<void>>()

  readonly #outcomes = new Subject<UnknownWriteOutcomeError>()

  /**
   * Every rejected write's error, as a value (the stream itself never errors). A write cancelled
   * by the transport's own `signal` is not an error of the server: it rejects the write's
   * promises with the abort reason and is not emitted here.
   */
  readonly errors$: Observable<NotionError> = this.#errors.asObservable()
  /**
   * Every write whose answer was lost, once settled: `resolution` says whether the server has it
   * (`committed`; the write resolved), refused it or could not be asked (both also on `errors$`).
   */
  readonly outcomes$: Observable<UnknownWriteOutcomeError> = this.#outcomes.asObservable()

  constructor(options: TransactionQueueOptions) {
    this.#options = options
    this.#closeNextTurn = (options.notifyManager ?? options.store.notifyManager).coalesce(() => {
      if (this.#depth === 0) this.#closeBatch()
    })
  }

  /** Queues operations (applied to the store now) and resolves when the request carrying them commits. */
  enqueue(operations: readonly Operation[]): Promise<void> {
    if (operations.length === 0) return Promise.resolve()
    const open = (this.#open ??= this.#newBatch(operations))
    open.batch.operations.push(...operations)
    this.#options.store.dispatch({ type: 'optimisticApplied', layerId: open.batch.transactionId, operations })
    const done = new Promise<void>((resolve, reject) => open.settle.push({ resolve, reject }))
    if (this.#depth === 0) this.#closeNextTurn()
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
    const { store } = this.#options
    const sent = this.#inFlight.then(async () => {
      await this.#deliver(open.batch)
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
        if (NotionError.isNotionError(error)) this.#errors.next(error)
        throw error
      },
    )
    this.#pending.add(settled)
    settled.then(
      () => this.#pending.delete(settled),
      () => this.#pending.delete(settled),
    )
  }

  /**
   * Sends a batch; when the answer is lost (the write may or may not have been applied), re-sends
   * it with the same ids until the server answers for sure, and only then resolves (committed) or
   * rejects (refused, or unreachable) with an UnknownWriteOutcomeError saying which.
   */
  async #deliver(batch: TransactionBatch): Promise<void> {
    const { submit } = this.#options
    let first: unknown
    try {
      await submit(batch)
      return
    } catch (error) {
      if (!isUnknownOutcome(error)) throw error
      first = error
    }
    const delays = this.#options.resendDelaysMs ?? DEFAULT_RESEND_DELAYS_MS
    let last: unknown = first
    let resends = 0
    for (const delay of delays) {
      await new Promise((resolve) => setTimeout(resolve, delay))
      resends++
      try {
        await submit(batch)
        this.#outcomes.next(new UnknownWriteOutcomeError({ resolution: 'committed', requestId: batch.requestId, resends, first, cause: first }))
        return
      } catch (error) {
        last = error
        if (isUnknownOutcome(error)) continue
        const rejected = new UnknownWriteOutcomeError({ resolution: 'rejected', requestId: batch.requestId, resends, first, cause: error })
        this.#outcomes.next(rejected)
        throw rejected
      }
    }
    const unresolved = new UnknownWriteOutcomeError({ resolution: 'unresolved', requestId: batch.requestId, resends, first, cause: last })
    this.#outcomes.next(unresolved)
    throw unresolved
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
