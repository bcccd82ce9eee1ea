import type { CellReader } from './cellValue.js'
import type { QueryRow } from './queryRow.js'

const SEARCHED_PROPERTY_TYPES: ReadonlySet<string> = new Set(['title', 'text'])

/**
 * Whether a row matches a database's search box (`loader.searchQuery`): the text, trimmed and
 * lower-cased, appears in one of its title or text cells. An empty search matches every row.
 */
export function matchesSearch(row: QueryRow, searchQuery: string, reader: CellReader): boolean {
  const search = searchQuery.trim().toLowerCase()
  if (search === '') return true
  for (const [id, property] of reader.schema) {
    if (!SEARCHED_PROPERTY_TYPES.has(property.type)) continue
    const cell = reader.read(row, id)
    if (cell.kind === 'text' && cell.text.toLowerCase().includes(search)) return true
  }
  return false
}
