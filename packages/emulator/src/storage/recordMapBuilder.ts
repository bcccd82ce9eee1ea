import { isKnownTable, RECORD_MAP_VERSION_KEY, toWireRecordMap, type Envelope, type NormalizedRecordMap, type RecordEntry } from '@notion-rx/protocol'
import type { EmulatorContext } from '../emulatorContext.js'
import type { StoredRecord } from './recordRepository.js'
import { recordJson } from './recordJson.js'
import { JsonText } from '../http/jsonText.js'
import { canRead } from '../access/roles.js'
import { spaceRole } from '../access/permissions.js'

/**
 * Collects the records of one response, each with the caller's role, and writes them in the
 * emulator's envelope. Unreadable and missing records become `{role: "none"}` stubs, as the real
 * API answers (HTTP 200, no value).
 */
export class RecordMapBuilder {
  /** Null-prototype maps: tables and ids come from requests, so none of them may reach a prototype. */
  readonly map: NormalizedRecordMap = Object.create(null) as NormalizedRecordMap

  private readonly emulator: EmulatorContext
  private readonly userId: string | undefined
  private readonly envelope: Envelope

  /** `envelope`: the request's choice (`/flat/api/v3`, `/nested/api/v3`), else the emulator's default. */
  constructor(emulator: EmulatorContext, userId: string | undefined, envelope: Envelope = emulator.envelope) {
    this.emulator = emulator
    this.userId = userId
    this.envelope = envelope
  }

  /**
   * Adds the record if the user may read it (or a none stub when `stubIfUnreadable`); returns it if
   * readable. `namedByReadable`: the caller reads a record that names this one (a user who wrote
   * or is mentioned in a block of a public page), so it may read it too, as `reader`, as Notion
   * answers anonymous readers of public pages with their authors; a function is asked only when
   * the caller could not read the user otherwise. A table outside the closed set of record tables
   * is left out of the answer altogether.
   */
  add(table: string, id: string, options: { stubIfUnreadable?: boolean; namedByReadable?: boolean | (() => boolean) } = {}): StoredRecord | undefined {
    if (!isKnownTable(table)) return undefined
    const existing = this.map[table]?.[id]
    if (existing) return existing.role === 'none' ? undefined : this.emulator.records.get(table, id)
    const record = this.emulator.records.get(table, id)
    const role = record ? this.emulator.permissions.roleFor(this.userId, table, id, record) : 'none'
    if (record && role === 'none' && table === 'notion_user' && isTrue(options.namedByReadable)) {
      // A stranger's author or mention: the public profile only. Emails go to members of a common
      // space (Permissions.roleFor), never to whoever can make a page name a user id.
      this.put(table, id, { role: 'reader', value: publicProfile(record.value) })
      return record
    }
    if (record && canRead(role)) {
      const entry: RecordEntry = { role, value: record.value }
      if (record.spaceId) entry.spaceId = record.spaceId
      this.put(table, id, entry)
      return record
    }
    if (options.stubIfUnreadable) {
      // Notion's nested stub names the record's space; only members of that space learn it here,
      // so a stranger is not told which workspace holds a private page.
      const spaceId = record?.spaceId !== undefined && this.isMember(record.spaceId) ? record.spaceId : undefined
      this.put(table, id, spaceId ? { role: 'none', spaceId } : { role: 'none' })
    }
    return undefined
  }

  private isMember(spaceId: string): boolean {
    return this.userId !== undefined && spaceRole(this.emulator.records.get('space', spaceId)?.value, this.userId) !== 'none'
  }

  has(table: string, id: string): boolean {
    return this.map[table]?.[id] !== undefined
  }

  private put(table: string, id: string, entry: RecordEntry): void {
    ;(this.map[table] ??= Object.create(null) as Record<string, RecordEntry>)[id] = entry
  }

  toWire(): Record<string, unknown> {
    return toWireRecordMap(this.map, this.envelope)
  }

  /**
   * `JSON.stringify(this.toWire())` as JsonText, written from each record's remembered JSON text: the same
   * answer without serializing every value again.
   */
  toWireJsonText(): JsonText {
    const parts: string[] = []
    if (this.envelope === 'nested') parts.push(`${JSON.stringify(RECORD_MAP_VERSION_KEY)}:3`)
    for (const [table, records] of Object.entries(this.map)) {
      if (!records) continue
      const entries: string[] = []
      for (const id in records) entries.push(`${jsonString(id)}:${this.entryJson(records[id]!)}`)
      parts.push(`${jsonString(table)}:{${entries.join(',')}}`)
    }
    return new JsonText(`{${parts.join(',')}}`)
  }

  /** One entry as toWireEntry shapes it. */
  private entryJson(entry: RecordEntry): string {
    const value = entry.value !== undefined && entry.role !== 'none' ? `,"value":${recordJson(entry.value)}` : ''
    const inner = `{"role":${jsonString(entry.role)}${value}}`
    if (this.envelope === 'flat') return inner
    return entry.spaceId ? `{"spaceId":${jsonString(entry.spaceId)},"value":${inner}}` : `{"value":${inner}}`
  }
}

/** Characters JSON.stringify writes as they are: no quote, backslash, control character or surrogate. */
const PLAIN_JSON_STRING = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/

/** `JSON.stringify(text)`, quicker for the ids and roles a record map is made of. */
function jsonString(text: string): string {
  return PLAIN_JSON_STRING.test(text) ? `"${text}"` : JSON.stringify(text)
}

function isTrue(flag: boolean | (() => boolean) | undefined): boolean {
  return typeof flag === 'function' ? flag() : flag === true
}

/** The fields of a notion_user anyone who reads a page naming the user may see (no email). */
const PUBLIC_PROFILE_KEYS = ['id', 'version', 'name', 'given_name', 'family_name', 'profile_photo'] as const

export function publicProfile(value: Record<string, unknown>): Record<string, unknown> {
  const profile: Record<string, unknown> = {}
  for (const key of PUBLIC_PROFILE_KEYS) if (value[key] !== undefined) profile[key] = value[key]
  return profile
}
