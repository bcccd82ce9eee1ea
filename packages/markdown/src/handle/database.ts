import type { RootContent, Table, TableRow } from 'mdast'
import { formatOf, propertiesOf, type ExportState } from '../exportState.js'
import type { RecordValueLike } from '../recordSource.js'
import { pageHeader } from './page.js'
import { cellText } from '../cellText.js'
import { scalarText } from '../scalarText.js'

/**
 * A database (inline or full page) as its name and a GFM table of its first view: the view's
 * visible properties as columns (schema order when the view lists none), the rows the source
 * holds, cells as the text a reader sees (mentions as names).
 */
export function databaseNodes(block: RecordValueLike, state: ExportState, asPage: boolean): RootContent[] {
  const format = formatOf(block)
  const pointer = format['collection_pointer'] as Record<string, unknown> | undefined
  const collectionId = typeof block['collection_id'] === 'string' ? block['collection_id'] : typeof pointer?.['id'] === 'string' ? pointer['id'] : undefined
  const viewIds = Array.isArray(block['view_ids']) ? (block['view_ids'] as unknown[]).filter((id): id is string => typeof id === 'string') : []
  const collection = collectionId === undefined ? undefined : state.source.getCollection(collectionId)
  const out: RootContent[] = []
  const blockId = scalarText(block['id'])
  const name = collection === undefined ? state.plainText(propertiesOf(block)['title'], blockId) : state.plainText(collection['name'], blockId)
  if (asPage) out.push(...pageHeader({ ...block, properties: { title: name === '' ? [] : [[name]] } }, state))
  else if (name !== '' && format['hide_inline_collection_name'] !== true) out.push({ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: name }] }] })
  if (collection === undefined || collectionId === undefined) {
    out.push({ type: 'html', value: `<!-- database ${collectionId ?? blockId} not loaded -->` })
    return out
  }
  const schema = (collection['schema'] ?? {}) as Record<string, Record<string, unknown>>
  const viewId = viewIds[0]
  const view = viewId === undefined ? undefined : state.source.getCollectionView(viewId)
  const columns = visibleColumns(view, schema)
  const rowIds = state.source.getRows?.(collectionId, viewId) ?? []
  const header: TableRow = { type: 'tableRow', children: columns.map((id) => cell(scalarText(schema[id]?.['name'], id))) }
  const rows: TableRow[] = []
  for (const rowId of rowIds) {
    const row = state.source.getBlock(rowId)
    if (row === undefined || row['alive'] === false) continue
    const properties = propertiesOf(row)
    rows.push({ type: 'tableRow', children: columns.map((id) => cell(state.plainText(properties[id], rowId))) })
  }
  const table: Table = { type: 'table', align: columns.map(() => null), children: [header, ...rows] }
  out.push(table)
  if (rows.length < rowIds.length) out.push({ type: 'html', value: `<!-- ${rowIds.length - rows.length} rows not loaded -->` })
  return out
}

function cell(value: string): TableRow['children'][number] {
  return { type: 'tableCell', children: value === '' ? [] : cellText(value.replace(/\n/g, ' ')) }
}

/** The view's visible properties (`table_properties`, `gallery_properties`, ...), else the schema's, title first. */
function visibleColumns(view: RecordValueLike | undefined, schema: Record<string, unknown>): string[] {
  const format = view === undefined ? {} : formatOf(view)
  const type = typeof view?.['type'] === 'string' ? view['type'] : 'table'
  const listed = format[`${type}_properties`]
  if (Array.isArray(listed)) {
    const columns = listed
      .filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null && entry['visible'] !== false)
      .map((entry) => scalarText(entry['property']))
      .filter((id) => id in schema)
    if (!columns.includes('title') && 'title' in schema) columns.unshift('title')
    if (columns.length > 0) return columns
  }
  return ['title', ...Object.keys(schema).filter((id) => id !== 'title')].filter((id) => id in schema)
}
