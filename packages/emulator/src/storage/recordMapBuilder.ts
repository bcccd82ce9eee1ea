import { toWireRecordMap, type NormalizedRecordMap, type RecordEntry } from '@notion-rx/protocol'
import type { EmulatorContext } from '../emulatorContext.js'
import type { StoredRecord } from './recordRepository.js'
import { canRead } from '../access/roles.js'

/**
 * Collects the records of one response, each with the caller's role, and writes them in the
 * emulator's envelope. Unreadable and missing records become `{role: "none"}` stubs, as the real
 * API answers (HTTP 200, no value).
 */
export class RecordMapBuilder {
  readonly map: NormalizedRecordMap = {}

  private readonly emulator: EmulatorContext
  private readonly userId: string | undefined

  constructor(emulator: EmulatorContext, userId: string | undefined) {
    this.emulator = emulator
    this.userId = userId
  }

  /** Adds the record if the user may read it (or a none stub when `stubIfUnreadable`); returns it if readable. */
  add(table: string, id: string, options: { stubIfUnreadable?: boolean } = {}): StoredRecord | undefined {
    const existing = this.map[table]?.[id]
    if (existing) return existing.role === 'none' ? undefined : this.emulator.records.get(table, id)
    const record = this.emulator.records.get(table, id)
    const role = record ? this.emulator.permissions.roleFor(this.userId, table, id, record) : 'none'
    if (record && canRead(role)) {
      this.put(table, id, { role, value: record.value, ...(record.spaceId ? { spaceId: record.spaceId } : {}) })
      return record
    }
    if (options.stubIfUnreadable) this.put(table, id, { role: 'none', ...(record?.spaceId ? { spaceId: record.spaceId } : {}) })
    return undefined
  }

  has(table: string, id: string): boolean {
    return this.map[table]?.[id] !== undefined
  }

  private put(table: string, id: string, entry: RecordEntry): void {
    ;(this.map[table] ??= {})[id] = entry
  }

  toWire(): Record<string, unknown> {
    return toWireRecordMap(this.map, this.emulator.envelope)
  }
}
