import { randomUUID } from 'node:crypto'
import type { Emulator } from '@notion-rx/emulator'

export interface BigPage {
  pageId: string
  /** Every block below the page (not the page itself), in depth-first order. */
  blockIds: string[]
  collectionId: string
  viewIds: string[]
  databaseBlockId: string
  /** Levels of blocks below the page. */
  depth: number
}

export interface BigPageOptions {
  /** Top-level blocks; every 5th is a toggle holding 5 bulleted items, each with 3 numbered items holding a to-do. @default 250 (2,000 blocks) */
  topLevel?: number
  /** Where the inline database goes among the top-level blocks (past the first 100-block chunk). @default 121 */
  databaseAt?: number
}

/**
 * Writes a large nested page straight into the emulator's store, in one SQLite transaction:
 * 250 top-level blocks, 50 of them toggles with bulleted > numbered > to-do levels below
 * (2,000 blocks, 4 levels), and an inline database (collection, 2 views, 3 rows) placed past
 * the first chunk of 100 blocks: what notion-py and notion-client load only in part.
 */
export function buildBigPage(emu: Emulator, user: { id: string; spaceId: string }, options: BigPageOptions = {}): BigPage {
  const { topLevel = 250, databaseAt = 121 } = options
  const { records } = emu.context
  const spaceId = user.spaceId
  const now = Date.now()
  const audit = { created_time: now, last_edited_time: now, created_by_id: user.id, created_by_table: 'notion_user', last_edited_by_id: user.id, last_edited_by_table: 'notion_user' }
  const pageId = randomUUID()
  const collectionId = randomUUID()
  const viewIds = [randomUUID(), randomUUID()]
  const blockIds: string[] = []
  let databaseBlockId = ''

  records.transaction(() => {
    const block = (id: string, parentId: string, type: string, title: string, extra: Record<string, unknown> = {}) => {
      records.put('block', id, { id, version: 1, type, alive: true, parent_id: parentId, parent_table: 'block', space_id: spaceId, properties: { title: [[title]] }, ...audit, ...extra })
    }
    const content: string[] = []
    for (let i = 0; i < topLevel; i++) {
      const id = randomUUID()
      content.push(id)
      blockIds.push(id)
      if (i === databaseAt) {
        databaseBlockId = id
        records.put('block', id, {
          id, version: 1, type: 'collection_view', alive: true, parent_id: pageId, parent_table: 'block', space_id: spaceId,
          collection_id: collectionId, view_ids: viewIds, format: { collection_pointer: { id: collectionId, table: 'collection', spaceId } }, ...audit,
        })
        continue
      }
      if (i % 5 !== 0) {
        block(id, pageId, i % 3 === 0 ? 'header' : 'text', `Paragraph ${i}`)
        continue
      }
      const bullets: string[] = []
      for (let b = 0; b < 5; b++) {
        const bulletId = randomUUID()
        bullets.push(bulletId)
        blockIds.push(bulletId)
        const numbers: string[] = []
        for (let n = 0; n < 3; n++) {
          const numberId = randomUUID()
          const todoId = randomUUID()
          numbers.push(numberId)
          blockIds.push(numberId, todoId)
          block(numberId, bulletId, 'numbered_list', `Step ${i}.${b}.${n}`, { content: [todoId] })
          block(todoId, numberId, 'to_do', `Check ${i}.${b}.${n}`, { properties: { title: [[`Check ${i}.${b}.${n}`]], checked: [[n % 2 ? 'Yes' : 'No']] } })
        }
        block(bulletId, id, 'bulleted_list', `Point ${i}.${b}`, { content: numbers })
      }
      block(id, pageId, 'toggle', `Section ${i}`, { content: bullets })
    }
    records.put('block', pageId, {
      id: pageId, version: 1, type: 'page', alive: true, parent_id: spaceId, parent_table: 'space', space_id: spaceId,
      properties: { title: [['Big page']] }, content, permissions: [{ role: 'editor', type: 'user_permission', user_id: user.id }], ...audit,
    })
    records.put('collection', collectionId, {
      id: collectionId, version: 1, name: [['Inline tasks']], parent_id: databaseBlockId, parent_table: 'block', space_id: spaceId, alive: true,
      schema: { title: { name: 'Name', type: 'title' }, done: { name: 'Done', type: 'checkbox' } },
    })
    viewIds.forEach((viewId, index) => {
      records.put('collection_view', viewId, {
        id: viewId, version: 1, type: index === 0 ? 'table' : 'board', name: index === 0 ? 'Table' : 'Board', parent_id: databaseBlockId,
        parent_table: 'block', space_id: spaceId, alive: true, format: {},
      })
    })
    for (let r = 0; r < 3; r++) {
      const rowId = randomUUID()
      records.put('block', rowId, {
        id: rowId, version: 1, type: 'page', alive: true, parent_id: collectionId, parent_table: 'collection', space_id: spaceId,
        properties: { title: [[`Row ${r}`]] }, ...audit,
      })
    }
    const space = records.get('space', spaceId)!
    records.put('space', spaceId, { ...space.value, version: space.version + 1, pages: [...((space.value['pages'] as string[]) ?? []), pageId] })
  })
  return { pageId, blockIds, collectionId, viewIds, databaseBlockId, depth: 4 }
}
