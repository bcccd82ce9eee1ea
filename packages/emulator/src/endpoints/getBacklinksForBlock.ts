import { getBacklinksForBlockRequestSchema, type Backlink } from '@notion-rx/protocol'
import { mentionedIds } from '../reads/blockText.js'
import { defineEndpoint } from '../http/endpoint.js'
import { RecordMapBuilder } from '../storage/recordMapBuilder.js'
import { canRead } from '../access/roles.js'

function aliasTarget(value: Record<string, unknown>): string | undefined {
  const format = value['format']
  if (typeof format !== 'object' || format === null) return undefined
  const pointer = (format as Record<string, unknown>)['alias_pointer']
  if (typeof pointer !== 'object' || pointer === null) return undefined
  const id = (pointer as Record<string, unknown>)['id']
  return typeof id === 'string' ? id : undefined
}

/**
 * Whether `container` lists the target among its children without being its parent: notion-py's
 * `children.add_alias(page)` links a page by `listAfter` of its id into another block's `content`,
 * leaving `parent_id` where it was. A real child in its own parent's content is not a backlink.
 */
function listsAsAlias(container: Record<string, unknown>, containerId: string, targetId: string, targetParentId: unknown): boolean {
  const content = container['content']
  return targetParentId !== containerId && Array.isArray(content) && content.includes(targetId)
}

/**
 * Blocks that point at a block: page mentions (`p` decorations) in any property, alias blocks
 * (links to the page), and old-style aliases (the page's id in another block's `content`, which
 * Notion reported as `alias` with that container as `parent_block_id`, as notion-py's
 * `get_backlinks` reads it). Only mentions the caller may read are listed.
 */
export const getBacklinksForBlock = defineEndpoint({
  name: 'getBacklinksForBlock',
  auth: 'optional',
  body: getBacklinksForBlockRequestSchema,
  handle({ emulator, user, profile }, body) {
    const targetId = body.blockId ?? body.block?.id ?? ''
    const target = emulator.records.get('block', targetId)
    const builder = new RecordMapBuilder(emulator, user?.id, profile.envelope)
    const backlinks: Backlink[] = []
    if (!target?.spaceId || !canRead(emulator.permissions.roleFor(user?.id, 'block', targetId, target))) {
      return { backlinks, recordMap: builder.toWire() }
    }
    for (const record of emulator.records.inSpace(target.spaceId, 'block')) {
      if (record.id === targetId || record.value['alive'] === false) continue
      const parentId = typeof record.value['parent_id'] === 'string' ? record.value['parent_id'] : undefined
      let mentionedFrom: Backlink['mentioned_from'] | undefined
      if (aliasTarget(record.value) === targetId && parentId) {
        mentionedFrom = { type: 'alias', parent_block_id: parentId }
      } else if (listsAsAlias(record.value, record.id, targetId, target.value['parent_id'])) {
        mentionedFrom = { type: 'alias', parent_block_id: record.id }
      } else if (mentionedIds(record.value, 'p').has(targetId)) {
        mentionedFrom = { type: 'property_mention', block_id: record.id }
      }
      if (!mentionedFrom || !builder.add('block', record.id)) continue
      if (parentId) builder.add(String(record.value['parent_table'] ?? 'block'), parentId)
      backlinks.push({ block_id: targetId, mentioned_from: mentionedFrom })
    }
    return { backlinks, recordMap: builder.toWire() }
  },
})
