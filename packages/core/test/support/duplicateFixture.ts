import { randomUUID } from 'node:crypto'
import type { Emulator } from '@notion-rx/emulator'
import { relationCell } from '@notion-rx/emulator/testing'
import { buildBigPage, type BigPage } from './bigPage.js'

export interface DuplicateFixture extends BigPage {
  /** The full-page database (a `collection_view_page` sub-page) and its collection. */
  projectsPageId: string
  projectsCollectionId: string
  /** A plain sub-page and the alias block on the page that links it. */
  subpageId: string
  aliasId: string
  /** The inline database's rows, in creation order. */
  taskRowIds: string[]
  projectRowIds: string[]
  /** Records below the page: blocks, rows and their content, collections and views. */
  recordCount: number
}

/**
 * The big page of `buildBigPage` (2,000 blocks and an inline database) grown into what a duplicate
 * has to get right: the inline database with a saved query (filter, sort, shown properties) and
 * rows with content; a full-page database whose rows relate to the inline rows, with a rollup, a
 * formula over it and a filtered view; a sub-page with content, an alias that links it, a mention
 * of a row, and an image that references an uploaded file.
 */
export function buildDuplicateFixture(emu: Emulator, user: { id: string; spaceId: string }): DuplicateFixture {
  const big = buildBigPage(emu, user)
  const { records } = emu.context
  const space_id = user.spaceId
  const now = Date.now()
  const audit = { created_time: now, last_edited_time: now, created_by_id: user.id, created_by_table: 'notion_user' }
  const put = (table: string, id: string, value: Record<string, unknown>) => records.put(table, id, { id, version: 1, alive: true, space_id, ...audit, ...value })
  const block = (id: string, parentId: string, value: Record<string, unknown>) => put('block', id, { parent_id: parentId, parent_table: 'block', ...value })
  const projectsPageId = randomUUID()
  const projectsCollectionId = randomUUID()
  const projectsViewId = randomUUID()
  const subpageId = randomUUID()
  const aliasId = randomUUID()
  const mentionId = randomUUID()
  const imageId = randomUUID()
  const projectRowIds = [randomUUID(), randomUUID()]
  let extra = 0
  let taskRowIds: string[] = []

  records.transaction(() => {
    // The inline database: a saved query over its own property, and rows with content.
    taskRowIds = records.childrenOf(big.collectionId, 'block').map((row) => row.id)
    const collection = records.get('collection', big.collectionId)!
    put('collection', big.collectionId, {
      ...collection.value,
      schema: { ...(collection.value['schema'] as object), hours: { name: 'Hours', type: 'number' } },
    })
    const [tableView, boardView] = big.viewIds
    put('collection_view', tableView!, {
      ...records.get('collection_view', tableView!)!.value,
      query2: { sort: [{ property: 'hours', direction: 'descending' }], filter: { operator: 'and', filters: [{ property: 'done', filter: { operator: 'checkbox_is', value: { type: 'exact', value: false } } }] } },
      format: { table_properties: [{ property: 'title', visible: true, width: 200 }, { property: 'hours', visible: true }, { property: 'done', visible: false }] },
    })
    put('collection_view', boardView!, { ...records.get('collection_view', boardView!)!.value, query2: { group_by: 'done' } })
    taskRowIds.forEach((rowId, index) => {
      const row = records.get('block', rowId)!
      const noteId = randomUUID()
      block(noteId, rowId, { type: 'text', properties: { title: [[`Notes for row ${index}`]] } })
      put('block', rowId, { ...row.value, properties: { title: [[`Row ${index}`]], done: [[index === 1 ? 'Yes' : 'No']], hours: [[String(index + 1)]] }, content: [noteId] })
      extra++
    })

    // The full-page database: relations to the inline rows, a rollup over them, a formula over the rollup.
    put('block', projectsPageId, {
      type: 'collection_view_page', parent_id: big.pageId, parent_table: 'block', collection_id: projectsCollectionId, view_ids: [projectsViewId],
      format: { collection_pointer: { id: projectsCollectionId, table: 'collection', spaceId: space_id } },
    })
    put('collection', projectsCollectionId, {
      name: [['Projects']], parent_id: projectsPageId, parent_table: 'block',
      schema: {
        title: { name: 'Project', type: 'title' },
        tsks: { name: 'Tasks', type: 'relation', collection_id: big.collectionId },
        totl: { name: 'Total hours', type: 'rollup', relation_property: 'tsks', target_property: 'hours', target_property_type: 'number', aggregation: 'sum' },
        dbl: {
          name: 'Double', type: 'formula',
          formula: { type: 'operator', operator: '*', name: 'multiply', result_type: 'number', args: [{ type: 'property', id: 'totl', name: 'Total hours', result_type: 'number' }, { type: 'constant', value: '2', value_type: 'number', result_type: 'number' }] },
        },
        stat: { name: 'Status', type: 'select', options: [{ id: 'o1', value: 'Active', color: 'green' }, { id: 'o2', value: 'Paused', color: 'gray' }] },
      },
    })
    put('collection_view', projectsViewId, {
      type: 'table', name: 'Active', parent_id: projectsPageId, parent_table: 'block',
      format: { collection_pointer: { id: projectsCollectionId, table: 'collection', spaceId: space_id }, table_properties: [{ property: 'stat', visible: true }, { property: 'totl', visible: true }] },
      query2: { filter: { operator: 'and', filters: [{ property: 'stat', filter: { operator: 'enum_is', value: { type: 'exact', value: 'Active' } } }] }, sort: [{ property: 'dbl', direction: 'ascending' }] },
    })
    projectRowIds.forEach((rowId, index) => {
      const noteId = randomUUID()
      put('block', rowId, {
        type: 'page', parent_id: projectsCollectionId, parent_table: 'collection', content: [noteId],
        properties: { title: [[`Project ${index}`]], tsks: relationCell(index === 0 ? taskRowIds.slice(0, 2) : taskRowIds.slice(1), space_id), stat: [[index === 0 ? 'Active' : 'Paused']] },
      })
      block(noteId, rowId, { type: 'bulleted_list', properties: { title: [[`Plan for project ${index}`]] } })
      extra += 2
    })

    // A sub-page, an alias that links it, a mention of a row, an image of an uploaded file.
    const subText = randomUUID()
    block(subpageId, big.pageId, { type: 'page', properties: { title: [['Sub-page']] }, content: [subText] })
    block(subText, subpageId, { type: 'text', properties: { title: [['Inside the sub-page']] } })
    block(aliasId, big.pageId, { type: 'alias', format: { alias_pointer: { id: subpageId, table: 'block', spaceId: space_id } } })
    block(mentionId, big.pageId, { type: 'text', properties: { title: [['See '], ['‣', [['p', taskRowIds[0]!, space_id]]], [' first']] } })
    const fileId = randomUUID()
    block(imageId, big.pageId, { type: 'image', properties: { source: [[`attachment:${fileId}:diagram.png`]] }, format: { display_source: `attachment:${fileId}:diagram.png` }, file_ids: [fileId] })
    extra += 8
    const page = records.get('block', big.pageId)!
    put('block', big.pageId, { ...page.value, content: [...(page.value['content'] as string[]), projectsPageId, subpageId, aliasId, mentionId, imageId] })
  })
  // Blocks below the page, the inline database's collection, views and rows, and what was added here.
  const recordCount = big.blockIds.length + 1 + big.viewIds.length + taskRowIds.length + extra
  return { ...big, projectsPageId, projectsCollectionId, subpageId, aliasId, taskRowIds, projectRowIds, recordCount }
}
