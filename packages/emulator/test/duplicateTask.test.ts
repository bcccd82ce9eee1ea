import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../src/index.js'
import { numberedId, post, projectsAndTasksIds, readRecord, relationCell, seedDatabases, submit, testEmulator } from '../src/testing/index.js'

// enqueueTask `duplicateBlock` + getTasks polling, as notion-py-based clients and the web app use
// them (docs/protocol.md#tasks): the caller makes a copy_indicator block where the copy goes, then
// asks the server to fill it with a copy of the source.

const { PAGE, PROJECTS_BLOCK, TASKS_BLOCK, PROJECTS, TASKS } = projectsAndTasksIds('50000000')
const project = (i: number) => numberedId('51000000', i)
const task = (i: number) => numberedId('52000000', i)
const SUBPAGE = numberedId('53000000', 1)
const SUBPAGE_TEXT = numberedId('53000000', 2)
const ALIAS = numberedId('53000000', 3)
const MENTION = numberedId('53000000', 4)
const ROW_TEXT = numberedId('53000000', 5)
const VIEW = numberedId('53000000', 6)

interface TaskResult {
  id: string
  state: string
  status?: { type: string; totalBlocks?: number; completeBlocks?: number; blockId?: string }
  error?: string
}

async function fixture() {
  const emu = await testEmulator()
  const ada = emu.createUser({ email: 'ada@example.com' })
  const reader = emu.createUser({ email: 'rey@example.com', spaceId: ada.spaceId, role: 'reader' })
  const outsider = emu.createUser({ email: 'otto@example.com' })
  seedDatabases(emu, ada.spaceId, PAGE, [
    {
      blockId: PROJECTS_BLOCK, collectionId: PROJECTS, name: 'Projects', rowId: project,
      schema: { title: { name: 'Project', type: 'title' }, tasks: { name: 'Tasks', type: 'relation', collection_id: TASKS } },
      rows: [{ i: 1, properties: { title: [['Alpha']], tasks: relationCell([task(1), task(2)]) } }],
    },
    {
      blockId: TASKS_BLOCK, collectionId: TASKS, name: 'Tasks', rowId: task,
      schema: { title: { name: 'Task', type: 'title' }, done: { name: 'Done', type: 'checkbox' } },
      rows: [{ i: 1, properties: { title: [['Design']] } }, { i: 2, properties: { title: [['Build']], done: [['Yes']] } }],
    },
  ])
  const { records } = emu.context
  const space_id = ada.spaceId
  const block = (id: string, parent: string, value: Record<string, unknown>) =>
    records.put('block', id, { id, version: 1, alive: true, parent_id: parent, parent_table: 'block', space_id, ...value })
  block(SUBPAGE, PAGE, { type: 'page', properties: { title: [['Notes']] }, content: [SUBPAGE_TEXT] })
  block(SUBPAGE_TEXT, SUBPAGE, { type: 'text', properties: { title: [['Inside the sub-page']] } })
  block(ALIAS, PAGE, { type: 'alias', format: { alias_pointer: { id: SUBPAGE, table: 'block', spaceId: space_id } } })
  block(MENTION, PAGE, { type: 'text', properties: { title: [['See '], ['‣', [['p', task(1), space_id]]]] } })
  block(ROW_TEXT, task(1), { type: 'to_do', properties: { title: [['Row content']] } })
  records.put('block', task(1), { ...records.get('block', task(1))!.value, content: [ROW_TEXT] })
  records.put('collection_view', VIEW, {
    id: VIEW, version: 1, type: 'table', name: 'All', alive: true, parent_id: TASKS_BLOCK, parent_table: 'block', space_id,
    page_sort: [task(2), task(1)], query2: { sort: [{ property: 'done', direction: 'ascending' }] },
  })
  records.put('block', TASKS_BLOCK, { ...records.get('block', TASKS_BLOCK)!.value, view_ids: [VIEW] })
  const page = records.get('block', PAGE)!
  records.put('block', PAGE, { ...page.value, title: undefined, properties: { title: [['Source']] }, content: [PROJECTS_BLOCK, TASKS_BLOCK, SUBPAGE, ALIAS, MENTION], permissions: [{ role: 'editor', type: 'user_permission', user_id: ada.id }] })
  const space = records.get('space', space_id)!
  records.put('space', space_id, { ...space.value, pages: [...((space.value['pages'] as string[]) ?? []), PAGE] })
  return { emu, ada, reader, outsider }
}

/** A copy_indicator block at the end of `parentId`'s content, as the client makes before the task. */
async function copyIndicator(emu: Emulator, tokenV2: string, parentId: string, spaceId: string): Promise<string> {
  const id = randomUUID()
  const response = await submit(emu, tokenV2, [
    { pointer: { table: 'block', id, spaceId }, path: [], command: 'set', args: { type: 'copy_indicator', id, version: 1, alive: true, parent_id: parentId, parent_table: 'block', space_id: spaceId } },
    { pointer: { table: 'block', id: parentId, spaceId }, path: ['content'], command: 'listAfter', args: { id } },
  ])
  expect(response.status).toBe(200)
  return id
}

async function pollTask(emu: Emulator, taskId: string, tokenV2: string, spaceId: string): Promise<TaskResult[]> {
  const seen: TaskResult[] = []
  for (let attempt = 0; attempt < 4_000; attempt++) {
    const response = await post(emu, 'getTasks', { taskIds: [taskId], spaceId }, { tokenV2 })
    expect(response.status).toBe(200)
    const [result] = response.body.results as TaskResult[]
    seen.push(result!)
    if (result!.state === 'success' || result!.state === 'failure') return seen
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  throw new Error(`task ${taskId} did not finish`)
}

async function duplicate(emu: Emulator, tokenV2: string, spaceId: string, request: Record<string, unknown>): Promise<TaskResult[]> {
  const enqueued = await post(emu, 'enqueueTask', { task: { eventName: 'duplicateBlock', request } }, { tokenV2 })
  expect(enqueued.status).toBe(200)
  return pollTask(emu, enqueued.body.taskId, tokenV2, spaceId)
}

const value = async (emu: Emulator, tokenV2: string, table: string, id: string) => (await readRecord(emu, tokenV2, table, id))?.value as Record<string, any>

describe('duplicateBlock task', () => {
  it('fills the copy_indicator target with the whole subtree, re-pointed to the copies, with progress', async () => {
    const { emu, ada } = await fixture()
    const home = randomUUID()
    await submit(emu, ada.tokenV2, [
      { pointer: { table: 'block', id: home, spaceId: ada.spaceId }, path: [], command: 'set', args: { type: 'page', id: home, version: 1, alive: true, parent_id: ada.spaceId, parent_table: 'space', space_id: ada.spaceId, permissions: [{ role: 'editor', type: 'user_permission', user_id: ada.id }] } },
      { pointer: { table: 'space', id: ada.spaceId }, path: ['pages'], command: 'listAfter', args: { id: home } },
    ])
    const target = await copyIndicator(emu, ada.tokenV2, home, ada.spaceId)
    const seen = await duplicate(emu, ada.tokenV2, ada.spaceId, { sourceBlockId: PAGE, targetBlockId: target, addCopyName: false, deepCopyTransclusionContainers: true })
    const done = seen.at(-1)!
    // 10 blocks, 3 rows + row content, 2 collections, 1 view.
    expect(done).toMatchObject({ state: 'success', status: { type: 'complete', totalBlocks: 14, completeBlocks: 14, blockId: target } })
    const counts = seen.slice(0, -1).map((result) => result.status?.completeBlocks ?? 0)
    expect(counts).toEqual([...counts].sort((a, b) => a - b))

    const copy = await value(emu, ada.tokenV2, 'block', target)
    expect(copy).toMatchObject({ type: 'page', parent_id: home, parent_table: 'block', copied_from: PAGE, properties: { title: [['Source']] } })
    expect(copy['content']).toHaveLength(5)
    const [projectsBlock, tasksBlock, subpage, alias, mention] = copy['content'] as string[]
    for (const id of copy['content']) expect([PROJECTS_BLOCK, TASKS_BLOCK, SUBPAGE, ALIAS, MENTION]).not.toContain(id)

    // Sub-page copied deep; the alias inside the copy links the copied sub-page.
    const copiedSubpage = await value(emu, ada.tokenV2, 'block', subpage!)
    expect(copiedSubpage).toMatchObject({ type: 'page', parent_id: target, copied_from: SUBPAGE })
    expect(await value(emu, ada.tokenV2, 'block', copiedSubpage['content'][0])).toMatchObject({ type: 'text', properties: { title: [['Inside the sub-page']] }, copied_from: SUBPAGE_TEXT })
    expect((await value(emu, ada.tokenV2, 'block', alias!))['format']['alias_pointer']['id']).toBe(subpage)

    // Databases: a new collection owned by the copied block, its view, its rows with their content.
    const tasksCopy = await value(emu, ada.tokenV2, 'block', tasksBlock!)
    expect(tasksCopy['collection_id']).not.toBe(TASKS)
    const collection = await value(emu, ada.tokenV2, 'collection', tasksCopy['collection_id'])
    expect(collection).toMatchObject({ parent_id: tasksBlock, parent_table: 'block', copied_from: TASKS, name: [['Tasks']] })
    expect(Object.keys(collection['schema'])).toEqual(['title', 'done'])
    const [viewId] = tasksCopy['view_ids'] as string[]
    expect(viewId).not.toBe(VIEW)
    const view = await value(emu, ada.tokenV2, 'collection_view', viewId!)
    expect(view).toMatchObject({ parent_id: tasksBlock, name: 'All', query2: { sort: [{ property: 'done', direction: 'ascending' }] } })
    const [row2, row1] = view['page_sort'] as string[]
    expect(await value(emu, ada.tokenV2, 'block', row1!)).toMatchObject({ parent_id: tasksCopy['collection_id'], parent_table: 'collection', copied_from: task(1), content: [expect.any(String)] })
    expect(await value(emu, ada.tokenV2, 'block', row2!)).toMatchObject({ copied_from: task(2), properties: { done: [['Yes']] } })
    const row1Content = (await value(emu, ada.tokenV2, 'block', row1!))['content'][0]
    expect(await value(emu, ada.tokenV2, 'block', row1Content)).toMatchObject({ type: 'to_do', parent_id: row1, copied_from: ROW_TEXT })

    // Relations between copied rows and mentions of copied pages point at the copies.
    const projectsCopy = await value(emu, ada.tokenV2, 'block', projectsBlock!)
    const projects = await value(emu, ada.tokenV2, 'collection', projectsCopy['collection_id'])
    expect(projects['schema']['tasks']).toEqual({ name: 'Tasks', type: 'relation', collection_id: tasksCopy['collection_id'] })
    const [alphaCopy] = emu.context.records.childrenOf(projectsCopy['collection_id'], 'block')
    const alphaId = alphaCopy!.id
    expect((await value(emu, ada.tokenV2, 'block', alphaId))['properties']['tasks']).toEqual(relationCell([row1!, row2!]))
    expect((await value(emu, ada.tokenV2, 'block', mention!))['properties']['title']).toEqual([['See '], ['‣', [['p', row1, ada.spaceId]]]])

    // The source is untouched.
    expect((await value(emu, ada.tokenV2, 'block', PAGE))['content']).toEqual([PROJECTS_BLOCK, TASKS_BLOCK, SUBPAGE, ALIAS, MENTION])
  })

  it('without a target, lists the copy right after the source; addCopyName names it as a copy', async () => {
    const { emu, ada } = await fixture()
    const done = (await duplicate(emu, ada.tokenV2, ada.spaceId, { sourceBlocks: [{ id: SUBPAGE, spaceId: ada.spaceId }], addCopyName: true })).at(-1)!
    expect(done.state).toBe('success')
    const copyId = done.status!.blockId!
    expect((await value(emu, ada.tokenV2, 'block', PAGE))['content']).toEqual([PROJECTS_BLOCK, TASKS_BLOCK, SUBPAGE, copyId, ALIAS, MENTION])
    expect(await value(emu, ada.tokenV2, 'block', copyId)).toMatchObject({ parent_id: PAGE, properties: { title: [['Copy of '], ['Notes']] }, copied_from: SUBPAGE })
  })

  it('fails the task for a source the caller may not read, a target they may not edit, or a target that is no copy_indicator', async () => {
    const { emu, ada, reader, outsider } = await fixture()
    const unreadable = (await duplicate(emu, outsider.tokenV2, outsider.spaceId, { sourceBlockId: PAGE })).at(-1)!
    expect(unreadable).toMatchObject({ state: 'failure', error: expect.stringContaining('may not read') })
    const missing = (await duplicate(emu, ada.tokenV2, ada.spaceId, { sourceBlockId: randomUUID() })).at(-1)!
    expect(missing).toMatchObject({ state: 'failure', error: expect.stringContaining('does not exist') })
    // A reader of the workspace reads the page but may not put a copy next to it.
    const readOnly = (await duplicate(emu, reader.tokenV2, ada.spaceId, { sourceBlockId: SUBPAGE })).at(-1)!
    expect(readOnly).toMatchObject({ state: 'failure', error: expect.stringContaining('may not edit') })
    expect((await value(emu, ada.tokenV2, 'block', PAGE))['content']).toHaveLength(5)
    // Someone else's copy_indicator is not a target for an outsider, and a page is no target at all.
    const target = await copyIndicator(emu, ada.tokenV2, PAGE, ada.spaceId)
    const notTheirs = (await duplicate(emu, outsider.tokenV2, outsider.spaceId, { sourceBlockId: SUBPAGE, targetBlockId: target })).at(-1)!
    expect(notTheirs.state).toBe('failure')
    const notIndicator = (await duplicate(emu, ada.tokenV2, ada.spaceId, { sourceBlockId: SUBPAGE, targetBlockId: SUBPAGE_TEXT })).at(-1)!
    expect(notIndicator).toMatchObject({ state: 'failure', error: expect.stringContaining('copy_indicator') })
  })

  it('answers a request without a source with 400', async () => {
    const { emu, ada } = await fixture()
    const response = await post(emu, 'enqueueTask', { task: { eventName: 'duplicateBlock', request: { targetBlockId: PAGE } } }, ada)
    expect(response.status).toBe(400)
    expect(response.body.debugMessage).toContain('sourceBlockId')
  })
})
