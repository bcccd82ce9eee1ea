import type { SearchFilters } from '@notion-rx/protocol'
import { ancestorsOf } from './ancestry.js'
import { blockPropertyTexts, blockTitle } from './blockText.js'
import type { EmulatorContext } from '../emulatorContext.js'
import type { StoredRecord } from '../storage/recordRepository.js'
import { canEdit, canRead } from '../access/roles.js'

/** Blocks a reader can open as a page of their own. */
const NAVIGABLE_TYPES = new Set(['page', 'collection_view_page'])

export interface SearchHit {
  record: StoredRecord
  /** Its parents up to the space, nearest first (already walked for the ancestor filters). */
  ancestors: StoredRecord[]
  score: number
  isNavigable: boolean
  pathText: string
  text: string
}

export interface SearchBlocksOptions {
  userId: string | undefined
  query: string
  spaceIds: string[]
  ancestorId?: string
  filters?: SearchFilters
  sort: 'relevance' | 'lastEdited' | 'created'
}

function countOccurrences(haystack: string, needle: string): number {
  let count = 0
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++
  return count
}

/**
 * Ranks blocks by text match: every query term found in the title counts 3, in other properties 1;
 * the whole query as a phrase in the title adds 5; navigable pages get a small boost, as quick find
 * favours them. Blocks missing a term score 0 and are left out. An empty query matches everything.
 */
function score(record: StoredRecord, terms: string[], phrase: string): number {
  const title = blockTitle(record.value).toLowerCase()
  if (terms.length === 0) return 1
  const others = blockPropertyTexts(record.value).join('\n').toLowerCase()
  let total = 0
  for (const term of terms) {
    const inTitle = countOccurrences(title, term)
    const inOthers = countOccurrences(others, term)
    if (inTitle + inOthers === 0) return 0
    total += inTitle * 3 + inOthers
  }
  if (title.includes(phrase)) total += 5
  if (NAVIGABLE_TYPES.has(String(record.value['type']))) total += 1
  return total
}

function numberField(record: StoredRecord, field: string): number {
  const value = record.value[field]
  return typeof value === 'number' ? value : 0
}

function inRange(value: number, range: { starting?: number | undefined; ending?: number | undefined } | undefined): boolean {
  if (!range) return true
  return (range.starting === undefined || value >= range.starting) && (range.ending === undefined || value <= range.ending)
}

/** Quick-find over the blocks of the given spaces that the user may read. */
export function searchBlocks(emulator: EmulatorContext, options: SearchBlocksOptions): SearchHit[] {
  const phrase = options.query.trim().toLowerCase()
  const terms = phrase.split(/\s+/).filter(Boolean)
  const filters = options.filters ?? {}
  const hits: SearchHit[] = []
  for (const spaceId of options.spaceIds) {
    for (const record of emulator.records.inSpace(spaceId, 'block')) {
      const alive = record.value['alive'] !== false
      if (filters.isDeletedOnly ? alive : !alive) continue
      if (filters.excludeTemplates && record.value['is_template'] === true) continue
      const isNavigable = NAVIGABLE_TYPES.has(String(record.value['type']))
      if (filters.isNavigableOnly && !isNavigable) continue
      if (filters.createdBy?.length && !filters.createdBy.includes(String(record.value['created_by_id']))) continue
      if (filters.editedBy?.length && !filters.editedBy.includes(String(record.value['last_edited_by_id']))) continue
      if (!inRange(numberField(record, 'created_time'), filters.createdTime)) continue
      if (!inRange(numberField(record, 'last_edited_time'), filters.lastEditedTime)) continue
      const points = score(record, terms, phrase)
      if (points === 0) continue
      const ancestors = ancestorsOf(emulator.records, record)
      const required = [...(filters.ancestors ?? []), ...(options.ancestorId ? [options.ancestorId] : [])]
      if (required.some((id) => !ancestors.some((a) => a.id === id))) continue
      const role = emulator.permissions.roleFor(options.userId, 'block', record.id, record)
      if (!canRead(role) || (filters.requireEditPermissions && !canEdit(role))) continue
      hits.push({
        record,
        ancestors,
        score: points,
        isNavigable,
        pathText: ancestors
          .filter((a) => a.table === 'block' && NAVIGABLE_TYPES.has(String(a.value['type'])))
          .map((a) => blockTitle(a.value))
          .reverse()
          .join(' / '),
        text: blockTitle(record.value),
      })
    }
  }
  const byField = (field: string) => (a: SearchHit, b: SearchHit) => numberField(b.record, field) - numberField(a.record, field)
  if (options.sort === 'lastEdited') hits.sort(byField('last_edited_time'))
  else if (options.sort === 'created') hits.sort(byField('created_time'))
  else hits.sort((a, b) => b.score - a.score || byField('last_edited_time')(a, b))
  return hits
}
