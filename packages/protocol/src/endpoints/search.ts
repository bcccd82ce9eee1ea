import { z } from 'zod'

/** Filters of a quick-find search, as notion-py and the web app send them (all optional here). */
export const searchFiltersSchema = z.looseObject({
  isDeletedOnly: z.boolean().optional(),
  excludeTemplates: z.boolean().optional(),
  isNavigableOnly: z.boolean().optional(),
  navigableBlockContentOnly: z.boolean().optional(),
  requireEditPermissions: z.boolean().optional(),
  includePublicPagesWithoutExplicitAccess: z.boolean().optional(),
  ancestors: z.array(z.string()).optional(),
  createdBy: z.array(z.string()).optional(),
  editedBy: z.array(z.string()).optional(),
  lastEditedTime: z.looseObject({ starting: z.number().optional(), ending: z.number().optional() }).optional(),
  createdTime: z.looseObject({ starting: z.number().optional(), ending: z.number().optional() }).optional(),
})
export type SearchFilters = z.infer<typeof searchFiltersSchema>

/** `"Relevance"` (notion-py) or `{field: "relevance" | "lastEdited" | "created", direction?}` (2025+ clients). */
export const searchSortSchema = z.union([
  z.string(),
  z.looseObject({ field: z.string(), direction: z.enum(['asc', 'desc']).optional() }),
])
export type SearchSort = z.infer<typeof searchSortSchema>

export const searchRequestSchema = z.looseObject({
  type: z.enum(['BlocksInSpace', 'BlocksInAncestor', 'CollectionsInSpace']),
  query: z.string().default(''),
  spaceId: z.string().optional(),
  ancestorId: z.string().optional(),
  limit: z.number().int().min(1).max(1000).default(20),
  filters: searchFiltersSchema.optional(),
  sort: searchSortSchema.optional(),
  source: z.string().optional(),
})
export type SearchRequest = z.input<typeof searchRequestSchema>

export const searchResultSchema = z.looseObject({
  id: z.string(),
  isNavigable: z.boolean(),
  score: z.number(),
  highlight: z.looseObject({ pathText: z.string().optional(), text: z.string().optional() }).optional(),
})
export type SearchResult = z.infer<typeof searchResultSchema>

export const searchResponseSchema = z.looseObject({
  results: z.array(searchResultSchema),
  total: z.number(),
  recordMap: z.record(z.string(), z.unknown()),
})
export type SearchResponse = z.infer<typeof searchResponseSchema>

/** notion-py's `search_pages_with_parent`: pages directly under a page or a space. */
export const searchPagesWithParentRequestSchema = z.looseObject({
  parentId: z.string().min(1),
  query: z.string().default(''),
  limit: z.number().int().min(1).max(1000).default(100),
  spaceId: z.string().optional(),
})
export type SearchPagesWithParentRequest = z.input<typeof searchPagesWithParentRequestSchema>
