import type { Operation } from '@notion-rx/protocol'
import type { Block } from '../records/block.js'
import type { DuplicateOptions } from '../records/duplicateOptions.js'
import type { PageBlock } from '../records/pageBlocks.js'
import { queueWrite } from '../records/recordWrites.js'
import type { CopyPlace } from './clientDuplicate.js'
import { recordFor } from './recordFor.js'

/**
 * Notion's own duplicate (docs/protocol.md#tasks): a `copy_indicator` block where the copy goes,
 * then the `duplicateBlock` task, which turns it into the copy; getTasks is polled for progress.
 * The copy is loaded whole before it is returned. When the task fails, the placeholder is removed.
 */
export async function serverDuplicate(source: Block, place: CopyPlace, options: DuplicateOptions): Promise<PageBlock> {
  const { context } = source
  const { signal } = options
  const id = context.newId()
  const userId = context.currentUserId()
  const now = context.now()
  const spaceId = place.spaceId
  const pointer = spaceId === undefined ? { table: 'block', id } : { table: 'block', id, spaceId }
  const placeholder = {
    id,
    version: 1,
    type: 'copy_indicator',
    alive: true,
    parent_id: place.parent.id,
    parent_table: place.parent.table,
    ...(spaceId === undefined ? {} : { space_id: spaceId }),
    created_time: now,
    ...(userId === undefined ? {} : { created_by_id: userId, created_by_table: 'notion_user' }),
    ...(place.parent.table === 'space' && userId !== undefined ? { permissions: [{ role: 'editor', type: 'user_permission', user_id: userId }] } : {}),
  }
  const listArgs = place.after === undefined ? { id } : { id, after: place.after }
  await queueWrite(context, [
    { pointer, path: [], command: 'set', args: placeholder },
    { pointer: place.parent.pointer(), path: [place.listKey], command: 'listAfter', args: listArgs },
  ])
  const request = { sourceBlockId: source.id, targetBlockId: id, addCopyName: false, deepCopyTransclusionContainers: true, ...(spaceId === undefined ? {} : { spaceId }) }
  try {
    const done = await context.runTask('duplicateBlock', request, {
      spaceId,
      signal,
      onStatus: (task) => options.onProgress?.({ path: 'server', copied: task.status?.completeBlocks ?? 0, total: task.status?.totalBlocks ?? 0 }),
    })
    const total = done.status?.totalBlocks ?? 0
    options.onProgress?.({ path: 'server', copied: done.status?.completeBlocks ?? total, total })
  } catch (error) {
    // An abort only stops the waiting: the server's task goes on and fills the placeholder.
    if (!signal?.aborted) {
      const removal: Operation[] = [
        { pointer, path: ['alive'], command: 'set', args: false },
        { pointer: place.parent.pointer(), path: [place.listKey], command: 'listRemove', args: { id } },
      ]
      await queueWrite(context, removal).catch(() => {})
    }
    throw error
  }
  await context.refreshRecords([{ table: 'block', id }], { signal })
  await context.loadPage(id, { signal })
  const copy = recordFor(context, 'block', id) as PageBlock
  if (place.title !== undefined) await queueWrite(context, [{ pointer, path: ['properties', 'title'], command: 'set', args: place.title }])
  return copy
}
