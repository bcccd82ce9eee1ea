import type { BlockNode } from '@notion-rx/markdown'
import type { Operation, OperationPointer } from '@notion-rx/protocol'
import { newBlockArgs } from './newBlockArgs.js'
import type { NotionRecord } from './notionRecord.js'
import { queueWrite } from './recordWrites.js'

/** Where new blocks go: a parent record and the list it keeps them in (a `Children` is one). */
export interface BlockList {
  readonly parent: NotionRecord
  readonly listKey: string
}

/**
 * Creates block trees at the end of `children`, all in ONE batch (one submitTransaction): each
 * record is set whole, its `content` already listing its children, then the top-level ids are
 * listed on the parent. Types notion-rx does not know become text blocks naming them.
 * @returns the ids of the top-level blocks
 */
export function addBlockNodes(children: BlockList, nodes: readonly BlockNode[], extra: Readonly<Record<string, unknown>> = {}): string[] {
  const { parent, listKey } = children
  const { context } = parent
  const spaceId = parent.table === 'space' ? parent.id : parent.spaceId
  const userId = context.currentUserId()
  const now = context.now()
  const operations: Operation[] = []
  const records: Operation[] = []
  const pointerOf = (id: string): OperationPointer => (spaceId === undefined ? { table: 'block', id } : { table: 'block', id, spaceId })
  const create = (node: BlockNode, parentId: string, parentTable: string, top: boolean): string => {
    const id = context.newId()
    const args = newBlockArgs(node, { id, parentId, parentTable, spaceId, userId, now, ...(top ? { extra } : {}) })
    // Parents before children: the server checks a new block's access through its parent.
    records.push({ pointer: pointerOf(id), path: [], command: 'set', args })
    const content = (node.children ?? []).map((child) => create(child, id, 'block', false))
    if (content.length > 0) args['content'] = content
    return id
  }
  const ids = nodes.map((node) => create(node, parent.id, parent.table, true))
  operations.push(...records, ...ids.map((id): Operation => ({ pointer: parent.pointer(), path: [listKey], command: 'listAfter', args: { id } })))
  if (operations.length > 0) void queueWrite(context, operations)
  return ids
}
