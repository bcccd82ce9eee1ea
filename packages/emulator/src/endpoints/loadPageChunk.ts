import { loadPageChunkRequestSchema } from '@notion-rx/protocol'
import { defineEndpoint } from '../http/endpoint.js'
import { jsonObject } from '../http/jsonText.js'
import { DEFAULT_PAGE_CHUNK_LIMIT, PageChunker } from '../reads/pageChunker.js'

/** Legacy page read by cursor (docs/protocol.md#loadpagechunk). Anonymous callers get public pages. */
export const loadPageChunk = defineEndpoint({
  name: 'loadPageChunk',
  auth: 'optional',
  cacheable: true,
  body: loadPageChunkRequestSchema,
  handle({ emulator, user, profile }, body) {
    const chunk = new PageChunker(emulator, user?.id, profile.envelope).load({
      pageId: body.pageId,
      limit: body.limit ?? DEFAULT_PAGE_CHUNK_LIMIT,
      stack: body.cursor?.stack ?? [],
    })
    return jsonObject({ cursor: { stack: chunk.stack }, recordMap: chunk.builder.toWireJsonText() })
  },
})
