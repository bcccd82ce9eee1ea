import { randomUUID } from 'node:crypto'
import { applyOperation, deleteBlocksRequestSchema } from '@notion-rx/protocol'
import { unauthorizedError } from '../http/apiError.js'
import { defineEndpoint } from '../http/endpoint.js'
import type { RecordValue } from '../storage/recordRepository.js'
import { commitWrite } from '../writes/transactionCommitter.js'
import type { WriteSession } from '../writes/writeSession.js'

/** The list a parent keeps its children in (collections have none: rows hang by parent_id only). */
const CHILD_LIST_KEY = new Map([
  ['block', 'content'],
  ['space', 'pages'],
])

/** Takes the block out of its parent's child list; the parent's version goes up only if it changed. */
function detachFromParent(session: WriteSession, blockId: string, value: RecordValue): void {
  const parentId = value['parent_id']
  const parentTable = typeof value['parent_table'] === 'string' ? value['parent_table'] : 'block'
  const listKey = CHILD_LIST_KEY.get(parentTable)
  if (typeof parentId !== 'string' || listKey === undefined) return
  const parent = session.get(parentTable, parentId)
  if (!parent) return
  const next = applyOperation(parent.value, {
    table: parentTable,
    id: parentId,
    path: [listKey],
    command: 'listRemove',
    args: { id: blockId },
  })
  if (next !== parent.value) session.write(parentTable, parentId, next)
}

/**
 * `deleteBlocks {blockIds, permanentlyDelete}` → `{}`. Soft (default): `alive: false` and out of
 * the parent's list, as notion-py's `remove()` does with operations. Permanent: the blocks and all
 * their descendants are deleted, and the blocks leave their parent's list. Edit rights on each
 * block are required (not on its parent: leaving the list follows from the delete). Missing ids
 * are skipped, so a retry succeeds. Failures answer the same `unsaved_transactions` body as
 * transactions, naming a server-made transaction id.
 */
export const deleteBlocks = defineEndpoint({
  name: 'deleteBlocks',
  auth: 'required',
  body: deleteBlocksRequestSchema,
  handle({ emulator, user }, body) {
    if (!user) throw unauthorizedError()
    const permanently = body.permanentlyDelete === true
    commitWrite(emulator, user.id, {
      units: [
        {
          id: randomUUID(),
          deduplicate: false,
          apply(session) {
            for (const blockId of body.blockIds) {
              const block = session.get('block', blockId)
              if (!block) continue
              session.requireEdit(block)
              detachFromParent(session, blockId, block.value)
              if (permanently) {
                for (const { table, id } of session.descendantsOf(blockId)) session.remove(table, id)
                session.remove('block', blockId)
              } else {
                session.write('block', blockId, { ...block.value, alive: false }, ['alive'])
              }
            }
          },
        },
      ],
    })
    return {}
  },
})
