import { operationTarget, type Operation } from '@notion-rx/protocol'
import type { ClientContext } from '../clientContext.js'
import { recordKey, type RecordKey } from '../store/snapshot.js'

/** Per client context: per record, a promise that settles when its writes queued so far commit. */
const pending = new WeakMap<ClientContext, Map<RecordKey, Promise<void>>>()

function noop(): void {}

/**
 * Queues operations (applied to the store at once, sent in the tick's batch) and remembers, for
 * every record they touch, when they commit, for `record.committed`. The returned promise is
 * already handled: a fire-and-forget caller does not get an unhandled rejection (the failure also
 * reaches `transactions.errors$`), while an awaiting caller still sees it.
 */
export function queueWrite(context: ClientContext, operations: readonly Operation[]): Promise<void> {
  const done = context.transactions.enqueue(operations)
  done.catch(noop)
  let byKey = pending.get(context)
  if (!byKey) {
    byKey = new Map()
    pending.set(context, byKey)
  }
  const keys = new Set(operations.map((op) => {
    const { table, id } = operationTarget(op)
    return recordKey(table, id)
  }))
  for (const key of keys) {
    const previous = byKey.get(key)
    const combined = previous ? Promise.all([previous, done]).then(noop) : done
    combined.catch(noop)
    byKey.set(key, combined)
    const map = byKey
    const forget = () => {
      if (map.get(key) === combined) map.delete(key)
    }
    combined.then(forget, forget)
  }
  return done
}

/** Settles when every write queued so far for the record committed (rejects if one of them failed). */
export function pendingCommit(context: ClientContext, table: string, id: string): Promise<void> {
  return pending.get(context)?.get(recordKey(table, id)) ?? Promise.resolve()
}
