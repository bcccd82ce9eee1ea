import type { QueryGroup, RawQueryResult } from '../databases/query/queryResult.js'

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string')
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A query result as the cache file keeps it: what the server answered, without the request count. */
export function toQueryResultJson(result: RawQueryResult): string {
  const { ids, total, hasMore, aggregates, groups } = result
  return JSON.stringify({ ids, total, hasMore, aggregates, ...(groups ? { groups } : {}) })
}

function toGroup(value: unknown): QueryGroup | undefined {
  if (!isObject(value) || !isStringArray(value['ids']) || typeof value['hasMore'] !== 'boolean') return undefined
  const total = value['total']
  if (total !== undefined && typeof total !== 'number') return undefined
  return { value: value['value'], ids: value['ids'], total, hasMore: value['hasMore'] }
}

/** The result a cache file holds, checked field by field; undefined for anything else (an older or damaged entry is a miss, never an error). */
export function fromQueryResultJson(json: string): RawQueryResult | undefined {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return undefined
  }
  if (!isObject(value) || !isStringArray(value['ids']) || typeof value['total'] !== 'number' || typeof value['hasMore'] !== 'boolean' || !isObject(value['aggregates'])) {
    return undefined
  }
  let groups: QueryGroup[] | undefined
  if (value['groups'] !== undefined) {
    if (!Array.isArray(value['groups'])) return undefined
    groups = []
    for (const entry of value['groups'] as unknown[]) {
      const group = toGroup(entry)
      if (!group) return undefined
      groups.push(group)
    }
  }
  return { ids: value['ids'], total: value['total'], hasMore: value['hasMore'], aggregates: value['aggregates'], groups, requests: 0 }
}
