import { loadCachedPageChunkV2RequestSchema, type ExistingRecordVersion, type NormalizedRecordMap } from '@notion-rx/protocol'
import { defineEndpoint } from '../http/endpoint.js'
import { jsonObject } from '../http/jsonText.js'
import { DEFAULT_PAGE_CHUNK_LIMIT, PageChunker } from '../reads/pageChunker.js'

function pointerOf(held: ExistingRecordVersion): { table: string; id: string } {
  const pointer = held['pointer'] as { table: string; id: string } | undefined
  return pointer ?? { table: String(held['table']), id: String(held['id']) }
}

/** Leaves out records the caller already holds at their current version. */
function omitHeldRecords(map: NormalizedRecordMap, held: readonly ExistingRecordVersion[], pageId: string): void {
  for (const item of held) {
    const { table, id } = pointerOf(item)
    // The page itself stays: clients read its role from every chunk.
    if (table === 'block' && id === pageId) continue
    const records = map[table]
    const current = records?.[id]?.value?.['version']
    if (records && typeof current === 'number' && current <= item.version) delete records[id]
  }
}

/**
 * The current page read (docs/protocol.md#loadcachedpagechunkv2): the same chunks as loadPageChunk, answered as
 * `{cursors, cursor, recordMap, spaceId}`. `cursors` is empty once the page is fully read; `cursor`
 * is sent too for clients that read `cursor ?? cursors[0]`.
 */
export const loadCachedPageChunkV2 = defineEndpoint({
  name: 'loadCachedPageChunkV2',
  auth: 'optional',
  cacheable: true,
  body: loadCachedPageChunkV2RequestSchema,
  handle({ emulator, user, profile }, body) {
    const chunk = new PageChunker(emulator, user?.id, profile.envelope).load({
      pageId: body.page.id,
      limit: body.limit ?? DEFAULT_PAGE_CHUNK_LIMIT,
      stack: body.cursor?.stack ?? [],
    })
    if (body.omitExistingRecordVersions) omitHeldRecords(chunk.builder.map, body.omitExistingRecordVersions, body.page.id)
    const cursor = { stack: chunk.stack }
    return jsonObject({
      cursors: chunk.stack.length > 0 ? [cursor] : [],
      cursor,
      recordMap: chunk.builder.toWireJsonText(),
      spaceId: chunk.spaceId,
    })
  },
})
