import type { Operation, OperationPointer } from '@notion-rx/protocol'
import type { ClientContext } from '../clientContext.js'
import { queueWrite } from './recordWrites.js'

/**
 * Bytes of JSON per transaction. Notion does not document a limit for its internal API; its public
 * API accepts 500 KB and 1000 blocks per request (docs/markdown.md#large-documents), and the
 * emulator 8 MB. Half of the public figures leaves room for what the queue adds.
 */
export const DEFAULT_PART_BYTES = 256 * 1024
/** Records per transaction; see DEFAULT_PART_BYTES. */
export const DEFAULT_PART_RECORDS = 500
/**
 * Bytes of JSON around a record's own fields, at their longest: the `set` operation's pointer, path
 * and command (160), the `last_edited_*` update the queue adds per block (300) and a `listAfter` (220).
 */
const PER_RECORD_OVERHEAD = 680
/**
 * The queue's `last_edited_*` update of a parent in an earlier part that this part lists records
 * on. Those parents are the ancestors of the part's first record, so a part reserves one per level.
 */
const PARENT_UPDATE_BYTES = 300

/** One record to create, in a plan where parents come before their children. */
export interface PlannedWrite {
  readonly pointer: OperationPointer
  /** The whole record value (`set` at the root). */
  readonly value: Readonly<Record<string, unknown>>
  /**
   * Keys of lists in `value` naming records of the plan (a block's `content`, a database block's
   * `view_ids`): cut to the records written in the same part; the others list themselves.
   */
  readonly lists?: readonly string[]
  /** Where the record is listed: its parent's list (skipped when the parent is in the same part). */
  readonly listing?: { readonly pointer: OperationPointer; readonly key: string; readonly after?: string }
  /** Levels below the first record of the plan (0 for it). */
  readonly depth: number
}

export interface PartsProgress {
  /** Parts committed so far, of `parts`. */
  part: number
  parts: number
  /** Records committed so far, of `totalRecords`. */
  records: number
  totalRecords: number
}

export interface WriteInPartsOptions {
  /** @default DEFAULT_PART_BYTES */
  maxPartBytes?: number | undefined
  /** @default DEFAULT_PART_RECORDS */
  maxPartRecords?: number | undefined
  /** Called after each part commits. */
  onProgress?: ((progress: PartsProgress) => void) | undefined
  /** Checked before each part: an abort stops the writing between two parts. */
  signal?: AbortSignal | undefined
}

/** Writing stopped at part `partsCommitted + 1`: what committed before it, and why. */
export class PartFailure extends Error {
  override name = 'PartFailure' as const
  readonly partsCommitted: number
  readonly parts: number
  /** Every record committed, in plan order. */
  readonly committedIds: readonly string[]
  readonly totalRecords: number

  constructor(details: { partsCommitted: number; parts: number; committedIds: readonly string[]; totalRecords: number; cause: unknown }) {
    super(details.cause instanceof Error ? details.cause.message : String(details.cause), { cause: details.cause })
    this.partsCommitted = details.partsCommitted
    this.parts = details.parts
    this.committedIds = details.committedIds
    this.totalRecords = details.totalRecords
  }
}

/**
 * Cuts a plan into parts in its order, each under `maxPartBytes` and `maxPartRecords` (a record too
 * large on its own still gets a part of its own).
 * @throws RangeError for limits that are not positive
 */
export function planParts(writes: readonly PlannedWrite[], options: WriteInPartsOptions = {}): PlannedWrite[][] {
  const maxBytes = options.maxPartBytes ?? DEFAULT_PART_BYTES
  const maxRecords = options.maxPartRecords ?? DEFAULT_PART_RECORDS
  if (!(maxBytes > 0) || !Number.isInteger(maxRecords) || maxRecords < 1) {
    throw new RangeError(`the part size limits must be positive (got ${maxBytes} bytes and ${maxRecords} records)`)
  }
  const parts: PlannedWrite[][] = []
  let current: PlannedWrite[] = []
  let bytes = PARENT_UPDATE_BYTES
  for (const write of writes) {
    const size = Buffer.byteLength(JSON.stringify(write.value)) + PER_RECORD_OVERHEAD
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= maxRecords)) {
      parts.push(current)
      current = []
      bytes = (write.depth + 1) * PARENT_UPDATE_BYTES
    }
    current.push(write)
    bytes += size
  }
  if (current.length > 0) parts.push(current)
  return parts
}

/** The operations of one part: every record's `set` (lists cut to the part), then the listings the part owes. */
function partOperations(part: readonly PlannedWrite[]): Operation[] {
  const inPart = new Set(part.map((write) => write.pointer.id))
  const sets: Operation[] = []
  const listings: Operation[] = []
  for (const write of part) {
    let value = write.value
    for (const key of write.lists ?? []) {
      const list = value[key]
      if (!Array.isArray(list)) continue
      const kept = list.filter((id) => typeof id === 'string' && inPart.has(id))
      if (kept.length === list.length) continue
      const { [key]: _cut, ...rest } = value
      value = kept.length > 0 ? { ...rest, [key]: kept } : rest
    }
    sets.push({ pointer: write.pointer, path: [], command: 'set', args: value })
  }
  for (const write of part) {
    const { listing } = write
    if (listing === undefined || inPart.has(listing.pointer.id)) continue
    const args = listing.after === undefined ? { id: write.pointer.id } : { id: write.pointer.id, after: listing.after }
    listings.push({ pointer: listing.pointer, path: [listing.key], command: 'listAfter', args })
  }
  return [...sets, ...listings]
}

/**
 * Sends planned parts as ordered transactions, one after another, so that every committed prefix
 * is well formed (parents in an earlier or the same part as their children).
 * @throws the first part's failure as it is (nothing was created then)
 * @throws PartFailure when a later part fails or the signal aborts between parts
 */
export async function writeParts(context: ClientContext, parts: readonly (readonly PlannedWrite[])[], options: WriteInPartsOptions = {}): Promise<void> {
  const totalRecords = parts.reduce((sum, part) => sum + part.length, 0)
  const committedIds: string[] = []
  for (const [index, part] of parts.entries()) {
    try {
      options.signal?.throwIfAborted()
      await queueWrite(context, partOperations(part))
    } catch (error) {
      if (index === 0) throw error
      throw new PartFailure({ partsCommitted: index, parts: parts.length, committedIds, totalRecords, cause: error })
    }
    committedIds.push(...part.map((write) => write.pointer.id))
    options.onProgress?.({ part: index + 1, parts: parts.length, records: committedIds.length, totalRecords })
  }
}
