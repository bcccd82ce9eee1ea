import { type CellValue, mentionedIds, plainText, readRollupSettings, rollupCells, type RollupTrail, valueCell } from '@notion-rx/protocol'
import type { RowValue, SchemaProperty } from './collectionSchema.js'
import type { PropertyCodecOptions } from './propertyCodecOptions.js'
import type { PropertyDate } from './propertyDate.js'
import type { PropertyValue, RollupItem, RollupValue } from './propertyValueMap.js'
import type { RelatedRowLookup } from './relatedRows.js'

/** How deep rollups of rollups may go before a loop of them reads as not computed. */
const MAX_DEPTH = 8

/** Decodes the target property of a related row (decodeProperty's own decoder, so formulas and rollups nest). */
export type DecodeTarget = (property: SchemaProperty, row: RowValue, options: PropertyCodecOptions, trail: RollupTrail) => PropertyValue

function isPropertyDate(value: object): value is PropertyDate {
  return 'start' in value && typeof value.start === 'string'
}

/** The values a show_original rollup lists for one related value: empty ones none, lists flattened. */
function itemsOf(value: PropertyValue): RollupItem[] {
  if (value === null || value === undefined || value === '') return []
  if (Array.isArray(value)) {
    const items = value as readonly unknown[]
    if (items.some(Array.isArray)) return itemsOf(plainText(items))
    return items.flatMap((item) => itemsOf(item as PropertyValue))
  }
  return [value as RollupItem]
}

function itemKey(item: RollupItem): string {
  if (item instanceof Date) return `d:${item.getTime()}`
  return typeof item === 'object' ? `o:${JSON.stringify(item)}` : `${typeof item}:${String(item)}`
}

/**
 * A rollup computed from the related rows `options.related` finds (rows it leaves out are left
 * out): the target property of each related row, decoded with its own schema, then aggregated as
 * `rollupCells` does (one arithmetic with the query evaluator). `undefined` when it cannot be
 * computed: no lookup, a related row or database not loaded yet (here or in a rollup it rolls up),
 * an aggregation notion-rx does not know, or a rollup that reaches itself again through rollups of
 * rollups.
 */
export function rollupValue(property: SchemaProperty, row: RowValue, options: PropertyCodecOptions, trail: RollupTrail, decodeTarget: DecodeTarget): RollupValue | undefined {
  const { related: lookup } = options
  const settings = readRollupSettings(property)
  // The stored entry is the rollup's identity (the `property` passed in is a copy with its id).
  const self = options.schema?.[property.id] ?? property
  if (!lookup || !settings.aggregation || trail.depth >= MAX_DEPTH || trail.rollups.has(self)) return undefined
  const { relationProperty, targetProperty, aggregation } = settings
  const relation = relationProperty === undefined ? undefined : options.schema?.[relationProperty]
  const pageIds = relationProperty !== undefined && (!relation || relation.type === 'relation') ? mentionedIds(row.properties?.[relationProperty], 'p') : []
  const relatedCollection = typeof relation?.collection_id === 'string' ? relation.collection_id : undefined
  const inner: RollupTrail = { rollups: new Set(trail.rollups).add(self), depth: trail.depth + 1 }
  const timeZone = options.timeZone ?? 'UTC'
  // Every related row is still read when one is missing, so callers learn all of them at once.
  let notLoaded = false
  const related: RelatedRowLookup = (pageId, collectionId) => {
    const found = lookup(pageId, collectionId)
    if (found === 'not_loaded') notLoaded = true
    return found
  }
  const values: PropertyValue[] = []
  const cells: CellValue[] = []
  for (const pageId of pageIds) {
    const found = related(pageId, relatedCollection)
    if (found === undefined || found === 'not_loaded') continue
    const target = targetProperty !== undefined && Object.hasOwn(found.schema, targetProperty) ? found.schema[targetProperty] : undefined
    // Formula issues of other databases are theirs: not reported as this row's.
    const value = target ? decodeTarget({ ...target, id: targetProperty! }, found.row, { ...options, schema: found.schema, related, onFormulaIssue: undefined }, inner) : null
    values.push(value)
    cells.push(valueCell(value, target?.type, timeZone))
  }
  if (notLoaded) return undefined
  if (aggregation === 'show_original' || aggregation === 'show_unique') {
    const items = values.flatMap(itemsOf)
    if (aggregation === 'show_original') return items
    const seen = new Set<string>()
    return items.filter((item) => !seen.has(itemKey(item)) && Boolean(seen.add(itemKey(item))))
  }
  const { cell, source } = rollupCells(cells, aggregation)
  if (cell.kind === 'date') {
    // The related row's own value: a PropertyDate (zone, time, end kept), or a Date for created/edited times.
    const value = source === undefined ? null : values[source]
    return value instanceof Date || (value !== null && typeof value === 'object' && !Array.isArray(value) && isPropertyDate(value)) ? value : null
  }
  return cell.kind === 'number' ? (cell.number ?? null) : null
}
