import { randomInt } from 'node:crypto'

/** Keys whose value names a property of the view's database, in views' `query2`/`query`/`format` and collections' `format`. */
const PROPERTY_KEYS: ReadonlySet<string> = new Set(['property', 'property_id', 'group_by', 'calendar_by', 'timeline_by', 'timeline_by_end'])
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
/** Nesting followed in settings and formulas; server values are bounded at 100 levels already. */
const MAX_DEPTH = 100

type Json = Record<string, unknown>
export type PropertyIdMap = ReadonlyMap<string, string>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A new id for every property of `schema` but `title` (which is `title` in every database), unique in it. */
export function newPropertyIds(schema: unknown): Map<string, string> {
  const ids = new Map<string, string>()
  if (!isObject(schema)) return ids
  const taken = new Set(Object.keys(schema))
  for (const id of Object.keys(schema)) {
    if (id === 'title') continue
    let fresh: string
    do fresh = Array.from({ length: 4 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('')
    while (taken.has(fresh))
    taken.add(fresh)
    ids.set(id, fresh)
  }
  return ids
}

/** `value` with every string under a property key (`property`, `group_by`, `calendar_by`, …) that is an old id replaced. */
export function remapPropertyRefs(value: unknown, ids: PropertyIdMap, depth = 0): unknown {
  if (depth > MAX_DEPTH) return value
  if (Array.isArray(value)) return value.map((item) => remapPropertyRefs(item, ids, depth + 1))
  if (!isObject(value)) return value
  const out: Json = {}
  for (const [key, item] of Object.entries(value)) {
    out[key] = PROPERTY_KEYS.has(key) && typeof item === 'string' ? (ids.get(item) ?? item) : remapPropertyRefs(item, ids, depth + 1)
  }
  return out
}

/** A formula's syntax tree with its `{type: 'property', id}` nodes pointing at the new ids. */
function remapFormula(node: unknown, ids: PropertyIdMap, depth = 0): unknown {
  if (depth > MAX_DEPTH) return node
  if (Array.isArray(node)) return node.map((item) => remapFormula(item, ids, depth + 1))
  if (!isObject(node)) return node
  const out: Json = {}
  for (const [key, item] of Object.entries(node)) out[key] = remapFormula(item, ids, depth + 1)
  if (node['type'] === 'property' && typeof node['id'] === 'string') out['id'] = ids.get(node['id']) ?? node['id']
  return out
}

/**
 * A copied database's schema under its new property ids: formulas read the new ids, rollups their
 * relation's new id and, when the related database is copied too, its new ids; relations to a
 * copied database name the synced property's new id there. (Their `collection_id`s are re-pointed
 * with every other record id.)
 */
export function remapSchema(schema: unknown, ids: PropertyIdMap, idsOf: (collectionId: unknown) => PropertyIdMap | undefined): Json {
  if (!isObject(schema)) return {}
  const out: Json = {}
  for (const [id, property] of Object.entries(schema)) {
    if (!isObject(property)) {
      out[ids.get(id) ?? id] = property
      continue
    }
    const copy: Json = { ...property }
    if (property['formula'] !== undefined) copy['formula'] = remapFormula(property['formula'], ids)
    if (property['type'] === 'relation' && typeof property['property'] === 'string') {
      copy['property'] = idsOf(property['collection_id'])?.get(property['property']) ?? property['property']
    }
    if (property['type'] === 'rollup') {
      const relationId = property['relation_property']
      if (typeof relationId === 'string') {
        copy['relation_property'] = ids.get(relationId) ?? relationId
        const relation = schema[relationId]
        const target = property['target_property']
        const targetIds = isObject(relation) ? idsOf(relation['collection_id']) : undefined
        if (typeof target === 'string' && targetIds !== undefined) copy['target_property'] = targetIds.get(target) ?? target
      }
    }
    out[ids.get(id) ?? id] = copy
  }
  return out
}

/** A row's `properties` keyed by the new property ids. */
export function remapRowProperties(properties: unknown, ids: PropertyIdMap): unknown {
  if (!isObject(properties)) return properties
  return Object.fromEntries(Object.entries(properties).map(([id, cell]) => [ids.get(id) ?? id, cell]))
}
