import type { EmulatorContext } from '../emulatorContext.js'
import { canRead } from '../access/roles.js'
import type { RecordValue } from '../storage/recordRepository.js'
import { mentionIdsIn } from './blockText.js'

/** The most records read to decide one profile lookup: a stranger cannot make it scan more. */
const MAX_CANDIDATES = 200

/** The most users one request may have looked up this way (each lookup scans the records once). */
export const MAX_PROFILE_LOOKUPS = 50

/** The tables whose records name users a reader of them may see (authors, mentions, person cells). */
const NAMING_TABLES = ['block', 'comment'] as const

function stringField(value: RecordValue, key: string): string | undefined {
  const field = value[key]
  return typeof field === 'string' && field !== '' ? field : undefined
}

/** Author fields: the user id, its table (absent in old records), and the older bare field. */
const AUTHOR_FIELDS = [
  { id: 'created_by_id', table: 'created_by_table', legacy: 'created_by' },
  { id: 'last_edited_by_id', table: 'last_edited_by_table', legacy: 'last_edited_by' },
] as const

/** Authors of a record: `*_by_id` (when the table is a user) and the older bare `created_by` / `last_edited_by`. */
function authorIds(value: RecordValue): string[] {
  const ids: string[] = []
  for (const field of AUTHOR_FIELDS) {
    const table = value[field.table]
    const id = stringField(value, field.id)
    if (id && (table === undefined || table === 'notion_user')) ids.push(id)
    const legacy = stringField(value, field.legacy)
    if (legacy) ids.push(legacy)
  }
  return ids
}

/**
 * The users a record names: its authors and the users mentioned in its text or properties
 * (person cells are `‣` mentions with a `u` decoration).
 */
export function usersNamedBy(value: RecordValue): string[] {
  const known = namedByValue.get(value)
  if (known) return [...known]
  const properties = value['properties']
  const richTexts = typeof properties === 'object' && properties !== null ? Object.values(properties) : []
  const users = [...authorIds(value), ...mentionIdsIn([...richTexts, value['text']], 'u')]
  // Stored values are deep-frozen, so the answer for one stays the answer.
  if (Object.isFrozen(value)) namedByValue.set(value, users)
  return [...users]
}

/** usersNamedBy's answers for frozen values, held as long as the value is. */
const namedByValue = new WeakMap<RecordValue, readonly string[]>()

/**
 * Whether `callerId` (undefined: anonymous) may read some block or comment that names `userId`. Real
 * Notion serves such a user's public profile to anyone who may read the page (react-notion-x and
 * splitbee's notion-api-worker look authors and people up without a token), so a direct read of
 * the user answers it too. At most MAX_CANDIDATES records are read per lookup.
 */
function isNamedByReadableRecord(emulator: EmulatorContext, callerId: string | undefined, userId: string): boolean {
  for (const table of NAMING_TABLES) {
    for (const record of emulator.records.containing(table, userId, MAX_CANDIDATES)) {
      if (!usersNamedBy(record.value).includes(userId)) continue
      if (canRead(emulator.permissions.roleFor(callerId, table, record.id, record))) return true
    }
  }
  return false
}

/**
 * For one request: `isNamed(userId)` answers isNamedByReadableRecord, remembering answers, and says
 * false once MAX_PROFILE_LOOKUPS distinct users have been looked up.
 */
export function namedUserLookup(emulator: EmulatorContext, callerId: string | undefined): (userId: string) => boolean {
  const answers = new Map<string, boolean>()
  return (userId) => {
    const known = answers.get(userId)
    if (known !== undefined) return known
    if (answers.size >= MAX_PROFILE_LOOKUPS) return false
    const named = isNamedByReadableRecord(emulator, callerId, userId)
    answers.set(userId, named)
    return named
  }
}
