import type { BlockNode } from '@notion-rx/markdown'
import { isKnownBlockType } from '@notion-rx/protocol'

/** Where and by whom a block of an imported tree is created. */
export interface NewBlockPlace {
  id: string
  parentId: string
  parentTable: string
  spaceId: string | undefined
  userId: string | undefined
  now: number
  /** Fields only the tree's top block gets (a top-level page's permissions). */
  extra?: Record<string, unknown>
}

/**
 * The `set` args that create one block of a markdown tree. A type this SDK does not know is
 * created as text holding `::block{type='…'}`, so nothing the server would refuse is sent.
 */
export function newBlockArgs(node: BlockNode, place: NewBlockPlace): Record<string, unknown> {
  const known = isKnownBlockType(node.type)
  return {
    id: place.id,
    version: 1,
    type: known ? node.type : 'text',
    alive: true,
    parent_id: place.parentId,
    parent_table: place.parentTable,
    ...(place.spaceId === undefined ? {} : { space_id: place.spaceId }),
    created_time: place.now,
    ...(place.userId === undefined ? {} : { created_by_id: place.userId, created_by_table: 'notion_user' }),
    ...(known ? (node.properties ? { properties: node.properties } : {}) : { properties: { title: [[`::block{type='${node.type}'}`]] } }),
    ...(known && node.format ? { format: node.format } : {}),
    ...(place.extra ?? {}),
  }
}
