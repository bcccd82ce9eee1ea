import type { RecordValue } from '../storage/recordRepository.js'

/** Rows per page the web app asks for on first load (results and each board column). */
export const WEB_RESULTS_LIMIT = 50
export const WEB_GROUP_LIMIT = 25

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

/**
 * The loader the server builds for the 2025–26 web body (`collectionView` + `collectionViewBlock`,
 * no loader) from the view's saved `query2` and `format`: a `collection_group_results` page, or for
 * grouped views one groups reducer (`board_columns` / `<type>_groups`) with per-column `blockResults`,
 * plus one aggregation reducer per saved aggregation. It is returned as `compiledRequest` so a client
 * can re-post it with larger limits.
 */
export function compileViewLoader(view: RecordValue, userTimeZone: string | undefined): Record<string, unknown> {
  const query2 = asObject(view['query2'])
  const format = asObject(view['format'])
  const viewType = typeof view['type'] === 'string' ? view['type'] : 'table'
  const isBoard = viewType === 'board'
  const groupBy = isBoard ? format['board_columns_by'] : format['collection_group_by']
  // Aggregation names come from stored views, which any editor writes.
  const reducers = Object.create(null) as Record<string, unknown>

  if (groupBy !== undefined && groupBy !== null) {
    const saved = isBoard ? format['board_columns'] : format['collection_groups']
    const groupSortPreference = Array.isArray(saved) ? saved.filter((item) => item !== null && typeof item === 'object') : []
    reducers[isBoard ? 'board_columns' : `${viewType}_groups`] = {
      type: 'groups',
      version: 'v2',
      groupBy,
      groupSortPreference,
      blockResults: { defaultLimit: WEB_GROUP_LIMIT },
    }
  } else {
    reducers['collection_group_results'] = { type: 'results', limit: WEB_RESULTS_LIMIT }
  }

  const aggregations = Array.isArray(query2['aggregations']) ? query2['aggregations'] : []
  for (const item of aggregations) {
    const { property, aggregator } = asObject(item)
    if (typeof aggregator !== 'string') continue
    const name = `${viewType}:uncategorized:${typeof property === 'string' ? property : 'title'}:${aggregator}`
    reducers[name] = { type: 'aggregation', aggregation: typeof property === 'string' ? { property, aggregator } : { aggregator } }
  }

  return {
    type: 'reducer',
    reducers,
    ...(Array.isArray(query2['sort']) ? { sort: query2['sort'] } : {}),
    ...(query2['filter'] !== undefined ? { filter: query2['filter'] } : {}),
    searchQuery: '',
    userTimeZone: userTimeZone ?? 'UTC',
  }
}
