import type { QueryRow } from '../query/queryRow.js'
import { READ_ONLY_ACCEPTS, refuseAll } from './codecParts.js'
import { AGGREGATES, FILTERS } from './operatorSets.js'
import type { PropertyCodec } from './propertyCodec.js'
import { single } from './shownValues.js'

/** The codec of created_by and last_edited_by: a user id from the row's own fields, read-only. */
export function authorCodec(type: 'created_by' | 'last_edited_by'): PropertyCodec {
  // Notion writes `<field>_id`; notion-py (a known bug) wrote `<field>` itself.
  const idField = `${type}_id` as const
  const ids = (row: QueryRow) => {
    const id = row.value[idField] ?? row.value[type]
    return typeof id === 'string' ? [id] : []
  }
  return {
    type,
    readOnly: true,
    accepts: READ_ONLY_ACCEPTS,
    cleared: [],
    author: true,
    references: 'notion_user',
    filterOperators: FILTERS.personSet,
    aggregators: AGGREGATES.counts,
    cell: ({ row }) => ({ kind: 'ids', ids: ids(row) }),
    // One value, or none: `null`, not `''`.
    formulaInput: ({ row }) => ids(row)[0] ?? null,
    decode: ({ row }) => row[idField] ?? row[type] ?? null,
    encode: refuseAll,
    show: (value, context) => single(typeof value === 'string' ? context.userName(value) : null),
  }
}
