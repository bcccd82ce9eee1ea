import { searchRequestSchema, type SearchSort } from '@notion-rx/protocol'
import { defineEndpoint } from '../http/endpoint.js'
import { RecordMapBuilder } from '../storage/recordMapBuilder.js'
import { searchBlocks } from '../reads/searchBlocks.js'

function sortField(sort: SearchSort | undefined): 'relevance' | 'lastEdited' | 'created' {
  const field = (typeof sort === 'string' ? sort : sort?.field ?? 'relevance').toLowerCase()
  if (field.startsWith('lastedited')) return 'lastEdited'
  if (field.startsWith('created')) return 'created'
  return 'relevance'
}

/**
 * Quick find: BlocksInSpace (the caller's spaces, or `spaceId`), BlocksInAncestor (below
 * `ancestorId`, also for anonymous callers on public pages) and CollectionsInSpace (the
 * collection_view blocks). Results carry the blocks and their ancestors in `recordMap`.
 */
export const search = defineEndpoint({
  name: 'search',
  auth: 'optional',
  body: searchRequestSchema,
  handle({ emulator, user, profile }, body) {
    let spaceIds: string[]
    let ancestorId: string | undefined
    if (body.type === 'BlocksInAncestor') {
      ancestorId = body.ancestorId
      const ancestor = ancestorId ? emulator.records.get('block', ancestorId) : undefined
      spaceIds = ancestor?.spaceId ? [ancestor.spaceId] : []
    } else {
      const mine = user ? emulator.accounts.spacesOf(user.id) : []
      spaceIds = body.spaceId ? mine.filter((id) => id === body.spaceId) : mine
    }
    let hits = searchBlocks(emulator, {
      userId: user?.id,
      query: body.query,
      spaceIds,
      ...(ancestorId ? { ancestorId } : {}),
      ...(body.filters ? { filters: body.filters } : {}),
      sort: sortField(body.sort),
    })
    if (body.type === 'CollectionsInSpace') {
      hits = hits.filter((hit) => String(hit.record.value['type']).startsWith('collection_view'))
    }
    const page = hits.slice(0, body.limit)
    const builder = new RecordMapBuilder(emulator, user?.id, profile.envelope)
    for (const hit of page) {
      builder.add('block', hit.record.id)
      // Parents too, so a client can show where each result lives without another request.
      for (const ancestor of hit.ancestors) builder.add(ancestor.table, ancestor.id)
      if (hit.record.spaceId) builder.add('space', hit.record.spaceId)
    }
    return {
      results: page.map((hit) => ({
        id: hit.record.id,
        isNavigable: hit.isNavigable,
        score: hit.score,
        highlight: { pathText: hit.pathText, text: hit.text },
      })),
      total: hits.length,
      recordMap: builder.toWire(),
    }
  },
})
