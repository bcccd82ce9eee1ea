import { AGGREGATORS } from '../endpoints/queryVocabulary.js'

/**
 * What a rollup computes over the related rows' target cells: a view aggregator (`count`, `sum`,
 * `latest_date`, ...) or one of the two that show the values themselves.
 */
export const ROLLUP_AGGREGATIONS = [...AGGREGATORS, 'show_original', 'show_unique'] as const
export type RollupAggregation = (typeof ROLLUP_AGGREGATIONS)[number]

const KNOWN: ReadonlySet<string> = new Set(ROLLUP_AGGREGATIONS)

// The public API's names for the same functions (`count_all`, ...); a hand-written schema may use them.
const ALIASES: Readonly<Record<string, RollupAggregation>> = {
  count_all: 'count',
  count_unique_values: 'unique',
  count_empty: 'empty',
  count_not_empty: 'not_empty',
}

/** A rollup's schema entry, read: which relation, which property of the related rows, what to compute. */
export interface RollupSettings {
  /** Id of the relation property (in the rollup's own schema) whose pages are rolled up. */
  relationProperty: string | undefined
  /** Id of the property of the related rows that is rolled up. */
  targetProperty: string | undefined
  /** The target's type when the rollup was set up (informative: the related schema decides). */
  targetPropertyType: string | undefined
  /** `undefined` when the schema names an aggregation notion-rx does not know. */
  aggregation: RollupAggregation | undefined
}

/**
 * Reads a rollup's settings from its schema entry: `relation_property`, `target_property`,
 * `target_property_type` and `aggregation` (none means `show_original`, as the UI's default).
 * Newer schemas also carry `rollup_type: "relation"` and `version: "v2"`; a rollup of another
 * `rollup_type` has no aggregation notion-rx can compute.
 */
export function readRollupSettings(entry: Readonly<Record<string, unknown>>): RollupSettings {
  const text = (key: string) => (typeof entry[key] === 'string' ? (entry[key] as string) : undefined)
  const rollupType = text('rollup_type')
  const raw = text('aggregation') ?? 'show_original'
  const aggregation = KNOWN.has(raw) ? (raw as RollupAggregation) : ALIASES[raw]
  return {
    relationProperty: text('relation_property'),
    targetProperty: text('target_property'),
    targetPropertyType: text('target_property_type'),
    aggregation: rollupType === undefined || rollupType === 'relation' ? aggregation : undefined,
  }
}
