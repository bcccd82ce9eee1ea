import { readRollupSettings, type RollupSettings } from './rollupSettings.js'

/** One column of a collection's `schema`: `{name, type, options?, formula?}`, and a rollup's settings. */
export interface QuerySchemaProperty {
  name: string
  type: string
  /** select / multi_select / status options, in the order the UI shows them. */
  options: string[]
  formula: unknown
  /** Set for `rollup` properties. */
  rollup?: RollupSettings | undefined
}

/** A collection's schema keyed by property id (`title`, `8#gA`, ...). */
export type QuerySchema = ReadonlyMap<string, QuerySchemaProperty>

/** Reads `collection.schema` defensively: records are stored as clients wrote them. */
export function readQuerySchema(collection: Readonly<Record<string, unknown>>): QuerySchema {
  const schema = new Map<string, QuerySchemaProperty>()
  const raw = collection['schema']
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [id, entry] of Object.entries(raw as Record<string, unknown>)) {
      if (!entry || typeof entry !== 'object') continue
      const { name, type, options, formula } = entry as Record<string, unknown>
      schema.set(id, {
        name: typeof name === 'string' ? name : id,
        type: typeof type === 'string' ? type : 'text',
        options: Array.isArray(options)
          ? options.flatMap((option: unknown) => {
              const value = (option as Record<string, unknown> | null)?.['value']
              return typeof value === 'string' ? [value] : []
            })
          : [],
        formula,
        ...(type === 'rollup' ? { rollup: readRollupSettings(entry as Record<string, unknown>) } : {}),
      })
    }
  }
  // Every collection has a title column, even when a hand-written schema forgets it.
  if (!schema.has('title')) schema.set('title', { name: 'Name', type: 'title', options: [], formula: undefined })
  return schema
}
