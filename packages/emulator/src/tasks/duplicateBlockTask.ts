import { randomUUID } from 'node:crypto'
import { applyOperation, duplicateBlockRequestSchema, duplicatedBlockIds, type DuplicateBlockRequest } from '@notion-rx/protocol'
import { canEdit, canRead } from '../access/roles.js'
import type { EmulatorContext } from '../emulatorContext.js'
import type { RecordValue, StoredRecord } from '../storage/recordRepository.js'
import { commitWrite } from '../writes/transactionCommitter.js'
import { TaskFailure, type TaskKind } from './taskKind.js'

/** Records one duplicate may copy; a larger tree fails the task before anything is written. */
export const MAX_DUPLICATED_RECORDS = 20_000
/** Levels of nesting followed (pages in pages, rows, their content); deeper records are not copied. */
const MAX_DEPTH = 100
/** Records written per step (one SQLite transaction, then a yield so the server keeps answering). */
const STEP_RECORDS = 100
/** What the web app's "Duplicate" puts before the copy's title (unverified wording; see docs/protocol.md#tasks). */
const COPY_NAME_PREFIX = 'Copy of '

const DATABASE_TYPES: ReadonlySet<string> = new Set(['collection_view', 'collection_view_page'])
/** Fields a copy never takes over: the server stamps them afresh, or they belong to the original. */
const DROPPED_KEYS = ['version', 'created_time', 'created_by_id', 'created_by_table', 'last_edited_time', 'last_edited_by_id', 'last_edited_by_table', 'discussions', 'permissions']
const ID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}/gi

interface Copied {
  table: 'block' | 'collection' | 'collection_view'
  source: StoredRecord
}

function pointerId(value: RecordValue, key: string): string | undefined {
  const pointer = (value['format'] as Record<string, unknown> | undefined)?.[key] as Record<string, unknown> | undefined
  return typeof pointer?.['id'] === 'string' ? pointer['id'] : undefined
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

/**
 * The records below `rootId` that a copy takes, parents before children: blocks by `content`
 * (their own children only: an id another block owns is a link, left as it is), sub-pages and
 * their content, and for a database block that owns its collection, the collection, its views and
 * its rows (templates included) with their content. A linked database's collection is not copied.
 * What the user may not read is left out.
 */
function collect(emulator: EmulatorContext, userId: string, root: StoredRecord): Copied[] {
  const { records, permissions } = emulator
  const readable = (record: StoredRecord | undefined): record is StoredRecord =>
    record !== undefined && record.value['alive'] !== false && canRead(permissions.roleFor(userId, record.table, record.id, record))
  const found: Copied[] = []
  const seen = new Set<string>()
  const stack: { record: StoredRecord; depth: number }[] = [{ record: root, depth: 0 }]
  const tooLarge = () => new TaskFailure(`The block holds more than ${MAX_DUPLICATED_RECORDS} records; duplicate a smaller part of it.`)
  // Depth first, children pushed in reverse so that they come out in content order.
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { record, depth } = item
    if (found.length > MAX_DUPLICATED_RECORDS) throw tooLarge()
    if (seen.has(record.id)) continue
    seen.add(record.id)
    found.push({ table: 'block', source: record })
    if (depth >= MAX_DEPTH) continue
    const below: StoredRecord[] = []
    for (const id of stringList(record.value['content'])) {
      const child = records.get('block', id)
      if (readable(child) && child.value['parent_id'] === record.id) below.push(child)
    }
    if (DATABASE_TYPES.has(String(record.value['type']))) {
      const collectionId = typeof record.value['collection_id'] === 'string' ? record.value['collection_id'] : pointerId(record.value, 'collection_pointer')
      const collection = collectionId === undefined ? undefined : records.get('collection', collectionId)
      if (readable(collection) && collection.value['parent_id'] === record.id && !seen.has(collection.id)) {
        seen.add(collection.id)
        found.push({ table: 'collection', source: collection })
        for (const row of records.childrenOf(collection.id, 'block')) if (readable(row)) below.push(row)
      }
      for (const viewId of stringList(record.value['view_ids'])) {
        const view = records.get('collection_view', viewId)
        if (readable(view) && view.value['parent_id'] === record.id && !seen.has(view.id)) {
          seen.add(view.id)
          found.push({ table: 'collection_view', source: view })
        }
      }
    }
    for (const child of below.reverse()) stack.push({ record: child, depth: depth + 1 })
  }
  if (found.length > MAX_DUPLICATED_RECORDS) throw tooLarge()
  return found
}

function titleWithCopyName(value: RecordValue): RecordValue {
  const properties = value['properties'] as Record<string, unknown> | undefined
  const title = Array.isArray(properties?.['title']) ? (properties['title'] as unknown[]) : []
  return { ...value, properties: { ...properties, title: [[COPY_NAME_PREFIX], ...title] } }
}

/**
 * `duplicateBlock`: copies a block and everything below it (see `collect`) into the target, a
 * `copy_indicator` block the caller made where the copy goes, which becomes the copy's root; without
 * a target, the copy is listed right after the source. Every id inside the copied records that names
 * a copied record (children, views, collections, aliases, mentions, relations, manual row order) is
 * re-pointed to its copy; property ids stay as they are. Each copy has `copied_from`, the id of its
 * original. The caller must read the source and edit the target. Records are written in steps,
 * children before their parents, the root last, so the copy appears whole.
 */
export const duplicateBlockTask: TaskKind<DuplicateBlockRequest> = {
  request: duplicateBlockRequestSchema,
  async run(run, request) {
    const { emulator, userId } = run
    const { records, permissions } = emulator
    const { sourceId, targetId } = duplicatedBlockIds(request)
    const source = records.get('block', sourceId)
    if (!source || source.value['alive'] === false || !canRead(permissions.roleFor(userId, 'block', sourceId, source))) {
      throw new TaskFailure('The source block does not exist, or you may not read it.')
    }
    let target = targetId === undefined ? undefined : records.get('block', targetId)
    if (targetId !== undefined) {
      if (!target || target.value['type'] !== 'copy_indicator') throw new TaskFailure('The target block must be a copy_indicator block made for this copy.')
      if (!canEdit(permissions.roleFor(userId, 'block', target.id, target))) throw new TaskFailure('You may not edit the target block.')
    }
    const parentId = String((target ?? source).value['parent_id'] ?? '')
    const parentTable = String((target ?? source).value['parent_table'] ?? 'block')
    const parent = records.get(parentTable, parentId)
    if (!parent || !canEdit(permissions.roleFor(userId, parentTable, parentId, parent))) {
      throw new TaskFailure('You may not edit the page the copy goes into.')
    }
    const spaceId = target?.spaceId ?? (parentTable === 'space' ? parentId : parent.spaceId)

    const copies = collect(emulator, userId, source)
    const rootId = targetId ?? randomUUID()
    const ids = new Map<string, string>()
    for (const { source: record } of copies) ids.set(record.id, record.id === source.id ? rootId : randomUUID())
    if (source.spaceId !== undefined && spaceId !== undefined && source.spaceId !== spaceId) ids.set(source.spaceId, spaceId)
    for (const [from, to] of [...ids]) ids.set(from.replace(/-/g, ''), to.replace(/-/g, ''))
    const repoint = (value: RecordValue): RecordValue =>
      JSON.parse(JSON.stringify(value).replace(ID_PATTERN, (id) => ids.get(id.toLowerCase()) ?? id)) as RecordValue

    const total = copies.length
    run.progress({ type: 'progress', totalBlocks: total, completeBlocks: 0 })
    let complete = 0
    // Children first, the root last: until the root is written, the copy is not reachable.
    const order = copies.reverse()
    for (let start = 0; start < order.length; start += STEP_RECORDS) {
      const step = order.slice(start, start + STEP_RECORDS)
      commitWrite(emulator, userId, {
        units: [
          {
            id: `duplicate:${run.taskId}:${start}`,
            deduplicate: false,
            apply(session) {
              for (const { table, source: original } of step) {
                let value = repoint(original.value)
                for (const key of DROPPED_KEYS) delete value[key]
                value = { ...value, alive: true, copied_from: original.id, ...(spaceId === undefined ? {} : { space_id: spaceId }) }
                if (original.id === source.id) {
                  value = { ...value, parent_id: parentId, parent_table: parentTable }
                  const kept = target?.value['permissions']
                  if (kept !== undefined) value['permissions'] = kept
                  if (request.addCopyName === true) value = titleWithCopyName(value)
                }
                session.write(table, ids.get(original.id)!, value)
                if (original.id === source.id && target === undefined) {
                  // Listed right after the original, as the web app's Duplicate places it.
                  const listKey = parentTable === 'space' ? 'pages' : 'content'
                  const current = session.get(parentTable, parentId)!
                  const listed = applyOperation(current.value, { id: parentId, table: parentTable, path: [listKey], command: 'listAfter', args: { id: rootId, after: source.id } })
                  session.write(parentTable, parentId, listed)
                }
              }
            },
          },
        ],
      })
      complete += step.length
      run.progress({ type: 'progress', totalBlocks: total, completeBlocks: complete })
      await run.step()
    }
    return { type: 'complete', totalBlocks: total, completeBlocks: complete, blockId: rootId }
  },
}
