import type { CollectionSchema, RowProperties } from '@notion-rx/core'
import type { RecordStore } from '@notion-rx/core/advanced'
import { optionsOf } from './cellModel.js'
import { propertySlugs } from './propertySlugs.js'
import { userName } from './richTextSpans.js'
import type { ChartGroup, ChartGrouping, ChartModel, NumberStats } from './viewModel.js'

/** Properties rows can be grouped by in the chart. */
const GROUPABLE_TYPES = new Set(['select', 'status', 'multi_select', 'person', 'checkbox', 'created_by', 'last_edited_by'])
/** Bounds on what a schema can make the chart carry (every tab gets it with the view). */
export const MAX_CHART_GROUPINGS = 8
export const MAX_CHART_NUMBERS = 8
export const MAX_CHART_GROUPS = 50

/** The groups one row falls in (a multi-select or people cell: each of its values). */
function groupKeys(type: string, value: unknown): string[] {
  if (type === 'checkbox') return [value === true ? 'Checked' : 'Unchecked']
  const items = Array.isArray(value) ? value : [value]
  return items.filter((item): item is string => typeof item === 'string' && item !== '')
}

function addNumber(stats: NumberStats, value: number): void {
  stats.sum += value
  stats.count += 1
  stats.min = stats.min === null ? value : Math.min(stats.min, value)
  stats.max = stats.max === null ? value : Math.max(stats.max, value)
}

function grouping(store: RecordStore, id: string, schema: CollectionSchema, slug: string, numbers: readonly [string, string][], values: readonly RowProperties[]): ChartGrouping {
  const property = schema[id]!
  const options = optionsOf(property)
  const colors = new Map(options.map((option) => [option.value, option.color]))
  const people = property.type === 'person' || property.type === 'created_by' || property.type === 'last_edited_by'
  const none = `No ${property.name}`
  const groups = new Map<string, ChartGroup>()
  const groupOf = (key: string): ChartGroup => {
    let group = groups.get(key)
    if (!group) {
      const label = key === none ? none : people ? userName(store, key) : key
      group = { label, color: colors.get(key) ?? 'default', count: 0, stats: Object.fromEntries(numbers.map(([numberId]) => [numberId, { sum: 0, min: null, max: null, count: 0 }])) }
      groups.set(key, group)
    }
    return group
  }
  // Every option shows, in the schema's order, even with no rows.
  for (const option of options) groupOf(option.value)
  for (const row of values) {
    const keys = groupKeys(property.type, row[slug])
    for (const key of keys.length > 0 ? keys : [none]) {
      const group = groupOf(key)
      group.count += 1
      for (const [numberId, numberSlug] of numbers) {
        const value = row[numberSlug]
        if (typeof value === 'number' && Number.isFinite(value)) addNumber(group.stats[numberId]!, value)
      }
    }
  }
  // "No <property>" last; past the bound, the largest groups stay.
  const ordered = [...groups.entries()].filter(([key]) => key !== none).map(([, group]) => group)
  const empty = groups.get(none)
  if (empty) ordered.push(empty)
  const kept = ordered.length <= MAX_CHART_GROUPS ? ordered : [...ordered].sort((a, b) => b.count - a.count).slice(0, MAX_CHART_GROUPS)
  return { property: id, name: property.name, groups: ordered.filter((group) => kept.includes(group)) }
}

/**
 * Grouped aggregations of a view's rows for the chart panel: per groupable property, each group's
 * row count and the stats of every number property. `preferred` (the board's group property) is
 * the grouping shown first, else the first select or status property.
 */
export function chartModel(store: RecordStore, schema: CollectionSchema, preferred: string | undefined, values: readonly RowProperties[]): ChartModel | undefined {
  const slugs = propertySlugs(schema)
  const groupable = Object.keys(schema).filter((id) => GROUPABLE_TYPES.has(schema[id]!.type) && slugs.has(id))
  if (groupable.length === 0) return undefined
  const first = preferred && groupable.includes(preferred) ? preferred : (groupable.find((id) => ['select', 'status'].includes(schema[id]!.type)) ?? groupable[0]!)
  const chosen = [first, ...groupable.filter((id) => id !== first)].slice(0, MAX_CHART_GROUPINGS)
  const numbers = Object.keys(schema)
    .filter((id) => schema[id]!.type === 'number' && slugs.has(id))
    .slice(0, MAX_CHART_NUMBERS)
    .map((id) => [id, slugs.get(id)!] as [string, string])
  return {
    grouping: first,
    groupings: chosen.map((id) => grouping(store, id, schema, slugs.get(id)!, numbers, values)),
    numbers: numbers.map(([id]) => ({ id, name: schema[id]!.name })),
  }
}
