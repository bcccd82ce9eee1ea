import { randomUUID } from 'node:crypto'
import { findTooDeep, isKnownTable, rowCollectionId } from '@notion-rx/protocol'
import { MAX_JSON_DEPTH } from '../http/jsonDepth.js'
import type { CommittedRecord } from '../writes/commitEvents.js'
import type { EmulatorContext } from '../emulatorContext.js'
import { spaceRole } from '../access/permissions.js'
import type { RecordValue } from '../storage/recordRepository.js'

/** A record that was not imported, and why. */
export interface SkippedRecord {
  table: string
  /** The record id, `#<index>` for a bare value without one, or `*` for a whole table or map. */
  id: string
  reason: string
}

export interface ImportSummary {
  /** Records stored (synthetic spaces and members' space views are not counted). */
  records: number
  byTable: Record<string, number>
  skipped: SkippedRecord[]
}

export interface ImportOptions {
  /** Users who become members (role editor) of every space the imported records belong to. */
  memberUserIds?: string[]
  /**
   * The space for records whose space cannot be told from their own value or parents; by default
   * the first space the import mentions, else a new synthetic one.
   */
  spaceId?: string
}

interface Candidate {
  table: string
  id: string
  value: RecordValue
  /** From a nested envelope's `spaceId`, when the value has no `space_id`. */
  envelopeSpaceId: string | undefined
}

const TABLE_NAME = /^[a-z][a-z0-9_]{0,63}$/
const MAX_ID_LENGTH = 200
/** Tables of per-user records: they belong to no space. */
const USER_TABLES = new Set(['notion_user', 'user_root', 'user_settings'])
const MAX_PARENT_DEPTH = 64

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Collects records from recorded maps or bare values, then stores them in one SQLite transaction,
 * values untouched. What makes them usable (spaces to hang them on, membership for the given users)
 * is added around them: a synthetic space record marked `emulator_imported: true` where the map has
 * none, and the `space_id` column (not the value) for records whose value does not name a space.
 */
export class RecordImporter {
  readonly skipped: SkippedRecord[] = []

  readonly #candidates = new Map<string, Candidate>()
  /** Spaces the input names (space_id fields, envelope spaceIds, space stubs), in first-seen order. */
  readonly #spaceIds = new Set<string>()

  private readonly emulator: EmulatorContext
  private readonly options: ImportOptions

  constructor(emulator: EmulatorContext, options: ImportOptions = {}) {
    this.emulator = emulator
    this.options = options
  }

  skip(table: string, id: string, reason: string): void {
    this.skipped.push({ table, id, reason })
  }

  checkTable(table: string): boolean {
    if (isKnownTable(table)) return true
    this.skip(table, '*', TABLE_NAME.test(table) ? 'not a table the emulator models' : 'table name is not a Notion table name')
    return false
  }

  /** Notes a space the input refers to without giving its value (e.g. a `{role: "none"}` stub). */
  mentionSpace(spaceId: string): void {
    this.#spaceIds.add(spaceId)
  }

  /** Adds one record value; returns false (and records why) when it is not importable. */
  add(table: string, id: string, value: unknown, envelopeSpaceId?: string): boolean {
    if (!isObject(value)) return this.reject(table, id, 'value is not an object')
    if (id.length === 0 || id.length > MAX_ID_LENGTH) return this.reject(table, id, 'id is empty or too long')
    if (typeof value['id'] !== 'string') return this.reject(table, id, 'value has no string id')
    // Every later walk (freezing, JSON, the SDK) is recursive; the API refuses such bodies too.
    if (findTooDeep(value, MAX_JSON_DEPTH) !== undefined) return this.reject(table, id, `value nests deeper than ${MAX_JSON_DEPTH} levels`)
    if (value['id'] !== id) return this.reject(table, id, 'value.id does not match the record id')
    const version = value['version']
    if (version !== undefined && !(Number.isSafeInteger(version) && (version as number) >= 0)) {
      return this.reject(table, id, 'version is not a non-negative integer')
    }
    const spaceId = typeof value['space_id'] === 'string' ? value['space_id'] : undefined
    if (table === 'space') this.mentionSpace(id)
    else if (spaceId) this.mentionSpace(spaceId)
    else if (envelopeSpaceId && !USER_TABLES.has(table)) this.mentionSpace(envelopeSpaceId)
    this.#candidates.set(`${table}:${id}`, { table, id, value, envelopeSpaceId })
    return true
  }

  private reject(table: string, id: string, reason: string): false {
    this.skip(table, id, reason)
    return false
  }

  /** Stores everything collected; nothing is stored if anything throws. */
  commit(): ImportSummary {
    const { records } = this.emulator
    const changed: CommittedRecord[] = []
    // Plain is safe: checkTable let only record tables through.
    const byTable: Record<string, number> = {}
    let imported = 0
    records.transaction(() => {
      const stored: Candidate[] = []
      for (const candidate of this.#candidates.values()) {
        const { table, id, value } = candidate
        const existing = records.get(table, id)
        const version = typeof value['version'] === 'number' ? value['version'] : 1
        if (existing && existing.version > version) {
          this.skip(table, id, `a newer version (${existing.version}) is already stored`)
          continue
        }
        const saved = records.put(table, id, value)
        stored.push(candidate)
        byTable[table] = (byTable[table] ?? 0) + 1
        imported++
        changed.push({
          table,
          id,
          version: saved.version,
          spaceId: saved.spaceId,
          collectionIds: collectionIdsOf(table, [existing?.value, value]),
        })
      }
      this.placeInSpaces(stored, changed)
      this.ensureSpaces(stored, changed)
    })
    this.emulator.events.emit({ userId: undefined, records: changed })
    return { records: imported, byTable, skipped: this.skipped }
  }

  /** Gives records whose value names no space the space of their nearest parent that has one. */
  private placeInSpaces(stored: Candidate[], changed: CommittedRecord[]): void {
    for (const candidate of stored) {
      const { table, id, value } = candidate
      if (table === 'space' || USER_TABLES.has(table) || typeof value['space_id'] === 'string') continue
      const spaceId = candidate.envelopeSpaceId ?? this.spaceOfParents(value) ?? this.defaultSpace()
      this.emulator.records.put(table, id, value, { spaceId })
      const entry = changed.find((record) => record.table === table && record.id === id)
      if (entry) entry.spaceId = spaceId
    }
  }

  private spaceOfParents(start: RecordValue): string | undefined {
    let value: RecordValue | undefined = start
    for (let depth = 0; value && depth < MAX_PARENT_DEPTH; depth++) {
      const parentId = value['parent_id']
      const parentTable = typeof value['parent_table'] === 'string' ? value['parent_table'] : 'block'
      if (typeof parentId !== 'string') return undefined
      if (parentTable === 'space') return parentId
      const parent = this.emulator.records.get(parentTable, parentId)
      if (!parent) return undefined
      if (parent.spaceId) return parent.spaceId
      value = parent.value
    }
    return undefined
  }

  #defaultSpace: string | undefined

  private defaultSpace(): string {
    this.#defaultSpace ??= this.options.spaceId ?? [...this.#spaceIds][0] ?? randomUUID()
    this.#spaceIds.add(this.#defaultSpace)
    return this.#defaultSpace
  }

  /**
   * Every space the import touches gets a record (synthetic when missing) with the members as
   * editors; a synthetic space also lists the imported users as readers, so that members can
   * read their names as Notion shows co-members.
   */
  private ensureSpaces(stored: Candidate[], changed: CommittedRecord[]): void {
    const members = this.options.memberUserIds ?? []
    const users = stored.filter((candidate) => candidate.table === 'notion_user').map((candidate) => candidate.id)
    for (const spaceId of this.#spaceIds) {
      const existing = this.emulator.records.get('space', spaceId)
      const synthetic = !existing || existing.value['emulator_imported'] === true
      const wanted: Array<[string, string]> = [
        ...members.map((userId): [string, string] => [userId, 'editor']),
        ...(synthetic ? users.map((userId): [string, string] => [userId, 'reader']) : []),
      ]
      const base: RecordValue = existing?.value ?? {
        id: spaceId,
        version: 0,
        name: 'Imported workspace',
        permissions: [],
        pages: stored
          .filter((c) => c.table === 'block' && c.value['parent_table'] === 'space' && c.value['parent_id'] === spaceId)
          .map((c) => c.id),
        created_time: this.emulator.now(),
        emulator_imported: true,
      }
      const permissions = Array.isArray(base['permissions']) ? [...(base['permissions'] as unknown[])] : []
      let added = false
      for (const [userId, role] of wanted) {
        if (spaceRole({ permissions }, userId) !== 'none') continue
        permissions.push({ role, type: 'user_permission', user_id: userId })
        added = true
      }
      if (existing && !added) continue
      const version = (existing?.version ?? 0) + 1
      const saved = this.emulator.records.put('space', spaceId, { ...base, permissions, version })
      changed.push({ table: 'space', id: spaceId, version: saved.version, spaceId, collectionIds: [] })
      for (const userId of members) this.emulator.accounts.addSpaceView(spaceId, userId, changed)
    }
  }

}

/** The collections a block row belongs to, before and after (for collection subscriptions). */
function collectionIdsOf(table: string, values: Array<RecordValue | undefined>): string[] {
  if (table !== 'block') return []
  const ids = new Set<string>()
  for (const value of values) {
    const collectionId = rowCollectionId(value)
    if (collectionId !== undefined) ids.add(collectionId)
  }
  return [...ids]
}
