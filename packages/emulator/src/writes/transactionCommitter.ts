import { applyOperation, isKnownTable, OperationError, operationTarget, RECORD_TABLES, type Operation } from '@notion-rx/protocol'
import { unsavedTransactionsError } from '../http/apiError.js'
import { appliedRequestsOf } from './appliedRequests.js'
import type { CommittedRecord } from './commitEvents.js'
import type { EmulatorContext } from '../emulatorContext.js'
import type { RecordValue } from '../storage/recordRepository.js'
import { WriteRejection } from './writeRejection.js'
import { WriteSession } from './writeSession.js'

/** One unit of a write request: a transaction, or the single change of an endpoint like deleteBlocks. */
export interface WriteUnit {
  /** Named in the error body when the unit fails. */
  id: string
  /** Whether `id` came from the client, so that a retry carrying it is not applied again. */
  deduplicate: boolean
  apply(session: WriteSession): void
}

export interface WriteRequest {
  /** The client's request id: a request seen before is answered `{}` and not applied again. */
  requestId?: string
  units: readonly WriteUnit[]
}

/** A transaction of saveTransactions / submitTransaction, ready to commit. */
export interface PendingTransaction {
  id: string
  /** Whether `id` came from the client (submitTransaction may carry none). */
  deduplicate: boolean
  spaceId?: string
  operations: readonly Operation[]
}

/**
 * The write pipeline every write endpoint goes through. In ONE SQLite transaction: skip what was
 * applied before (request and transaction ids, per user, in `applied_requests`), apply each unit,
 * bump versions and stamp audit fields, store the idempotency keys. Any failure rolls everything
 * back and answers the real `unsaved_transactions` body: a malformed operation is a
 * `ValidationError`, missing edit rights an `UnauthorizedError` (errors[].name; the HTTP status and
 * top-level name stay 400 ValidationError, as Notion reports every rejected transaction). After
 * the commit, one event announces the changed records to the message store.
 */
export function commitWrite(emulator: EmulatorContext, userId: string, request: WriteRequest): void {
  const ids = request.units.map((unit) => unit.id)
  if (emulator.faults.current.rejectWrites) throw unsavedTransactionsError(ids, 'Writes are rejected (injected fault).')
  const applied = appliedRequestsOf(emulator.db)
  // Keys are per user, so nobody can make another user's write look like a retry.
  const requestKey = request.requestId === undefined ? undefined : `request:${userId}:${request.requestId}`
  const failing: { unit?: WriteUnit } = {}
  let committed: CommittedRecord[]
  try {
    committed = emulator.records.transaction(() => {
      const now = emulator.now()
      applied.expire(now)
      if (requestKey !== undefined && applied.has(requestKey, now)) return []
      const session = new WriteSession(emulator, userId)
      for (const unit of request.units) {
        const unitKey = `transaction:${userId}:${unit.id}`
        if (unit.deduplicate && applied.has(unitKey, now)) continue
        failing.unit = unit
        unit.apply(session)
        if (unit.deduplicate) applied.add(unitKey, session.now)
      }
      delete failing.unit
      if (requestKey !== undefined) applied.add(requestKey, session.now)
      return session.finish()
    })
  } catch (error) {
    const failed = failing.unit ? { id: failing.unit.id } : {}
    if (WriteRejection.isWriteRejection(error)) {
      throw unsavedTransactionsError(ids, error.message, { ...failed, name: error.errorName })
    }
    if (OperationError.isOperationError(error)) {
      throw unsavedTransactionsError(ids, error.message, { ...failed, name: 'ValidationError' })
    }
    throw error
  }
  emulator.events.emit({ userId, records: committed })
}

/** Commits transactions of operations (saveTransactions*, submitTransaction), all or nothing. */
export function commitTransactions(
  emulator: EmulatorContext,
  userId: string,
  request: { requestId?: string; transactions: readonly PendingTransaction[] },
): void {
  const units = request.transactions.map(
    (transaction): WriteUnit => ({
      id: transaction.id,
      deduplicate: transaction.deduplicate,
      apply: (session) => {
        for (const op of transaction.operations) applyToSession(session, op, transaction.spaceId)
      },
    }),
  )
  commitWrite(emulator, userId, { ...(request.requestId !== undefined ? { requestId: request.requestId } : {}), units })
}

/**
 * Fields that say which account a record is: changing them would let a user take another's email
 * (findUserByEmail, sign-in by email). Sign-up sets them; operations never may.
 */
const IDENTITY_FIELDS: Partial<Record<string, readonly string[]>> = {
  notion_user: ['email'],
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}

/** Checks the caller's rights on the op's record, applies the op and stores the result. */
export function applyToSession(session: WriteSession, op: Operation, transactionSpaceId?: string): void {
  const target = operationTarget(op)
  if (!isKnownTable(target.table)) {
    throw new WriteRejection(
      'ValidationError',
      `Unknown table ${JSON.stringify(target.table).slice(0, 80)}: operations write one of ${RECORD_TABLES.join(', ')}.`,
    )
  }
  const before = session.get(target.table, target.id)
  // Rights on the record as it is, before the op can change its permissions.
  if (before) session.requireEdit(before)
  // Frozen as it is built: the repository keeps frozen values and then has nothing left to walk.
  const applied = applyOperation(before?.value, op, { freeze: true })
  for (const field of IDENTITY_FIELDS[target.table] ?? []) {
    if (!sameJson(applied[field], before?.value[field])) {
      throw new WriteRejection('UnauthorizedError', `${target.table}.${field} identifies an account and is not writable through transactions.`)
    }
  }
  const value = session.placeInSpace(target.table, applied, before, target.spaceId ?? transactionSpaceId)
  if (!before) {
    session.requireCreate(target.table, target.id, value)
  } else if (value['parent_id'] !== before.value['parent_id'] || value['parent_table'] !== before.value['parent_table']) {
    // Moving a record under another parent needs edit rights there too.
    session.requireEditParent(target.table, target.id, value)
  }
  const stored = session.write(target.table, target.id, value, keysSetBy(op))
  if (before && before.spaceId !== stored.spaceId) session.moveDescendantsToSpace(target.id, stored.spaceId)
}

/** The top-level keys an op writes, so the server does not overwrite audit fields a client set itself. */
function keysSetBy(op: Operation): string[] {
  const [first] = op.path
  if (first !== undefined) return [String(first)]
  const args = op.args
  return typeof args === 'object' && args !== null && !Array.isArray(args) ? Object.keys(args as RecordValue) : []
}
