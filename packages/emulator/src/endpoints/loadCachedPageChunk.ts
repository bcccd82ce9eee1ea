import { loadCachedPageChunkRequestSchema } from '@notion-rx/protocol'
import { defineEndpoint } from '../http/endpoint.js'
import { jsonObject } from '../http/jsonText.js'
import { DEFAULT_PAGE_CHUNK_LIMIT, PageChunker } from '../reads/pageChunker.js'

/** loadPageChunk with the page as `{id}` (docs/protocol.md#loadcachedpagechunk); same chunks, same cursor. */
export const loadCachedPageChunk = defineEndpoint({
  name: 'loadCachedPageChunk',
  auth: 'optional',
  cacheable: true,
  body: loadCachedPageChunkRequestSchema,
  handle({ emulator, user, profile }, body) {
    const chunk = new PageChunker(emulator, user?.id, profile.envelope).load({
      pageId: body.page.id,
      limit: body.limit ?? DEFAULT_PAGE_CHUNK_LIMIT,
      stack: body.cursor?.stack ?? [],
    })
    return jsonObject({ cursor: { stack: chunk.stack }, recordMap: chunk.builder.toWireJsonText() })
  },
})
