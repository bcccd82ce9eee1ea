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
 * Blocks that point at a block: page mentions (`p` decorations) in any property, and alias blocks
 * (links to the page). Only mentions the caller may read are listed.
 */
export const getBacklinksForBlock = defineEndpoint({
  name: 'getBacklinksForBlock',
  auth: 'optional',
  body: getBacklinksForBlockRequestSchema,
  handle({ emulator, user }, body) {
    const targetId = body.blockId ?? body.block?.id ?? ''
    const target = emulator.records.get('block', targetId)
    const builder = new RecordMapBuilder(emulator, user?.id)
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
