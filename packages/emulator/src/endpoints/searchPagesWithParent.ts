import { searchPagesWithParentRequestSchema } from '@notion-rx/protocol'
import { blockTitle } from '../reads/blockText.js'
import { defineEndpoint } from '../http/endpoint.js'
import { RecordMapBuilder } from '../storage/recordMapBuilder.js'
import { canRead } from '../access/roles.js'

const PAGE_TYPES = new Set(['page', 'collection_view_page'])

/**
 * Pages directly under a page or a space (notion-py's `Space.pages`), filtered by a title query,
 * in the parent's order (`content` or `pages`). `results` is the list of page ids.
 */
export const searchPagesWithParent = defineEndpoint({
  name: 'searchPagesWithParent',
  auth: 'required',
  body: searchPagesWithParentRequestSchema,
  handle({ emulator, user, profile }, body) {
    const userId = user?.id
    const space = emulator.records.get('space', body.parentId)
    const parent = space ?? emulator.records.get('block', body.parentId)
    const builder = new RecordMapBuilder(emulator, userId, profile.envelope)
    if (!parent || !canRead(emulator.permissions.roleFor(userId, parent.table, parent.id, parent))) {
      return { results: [], total: 0, recordMap: builder.toWire() }
    }
    const order = parent.value[space ? 'pages' : 'content']
    const ids = Array.isArray(order) ? order.filter((id): id is string => typeof id === 'string') : []
    const query = body.query.trim().toLowerCase()
    const results: string[] = []
    for (const id of ids) {
      const page = emulator.records.get('block', id)
      if (!page || page.value['alive'] === false || !PAGE_TYPES.has(String(page.value['type']))) continue
      if (query && !blockTitle(page.value).toLowerCase().includes(query)) continue
      if (!builder.add('block', id)) continue
      results.push(id)
    }
    return { results: results.slice(0, body.limit), total: results.length, recordMap: builder.toWire() }
  },
})
