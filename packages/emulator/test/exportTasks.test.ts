import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../src/index.js'
import { post, testEmulator } from './support/testEmulator.js'

// enqueueTask / getTasks as notion-py's extract_markdown and kjk/notionapi's export use them
// (docs/protocol.md#tasks): enqueue an export, poll getTasks until success, download exportURL.

async function demoWorkspace() {
  const emu = await testEmulator({ seed: 'demo' })
  return { emu, demo: emu.demo!, ada: { tokenV2: emu.demo!.ownerToken } }
}

interface TaskResult {
  id: string
  state: string
  status?: { type: string; pagesExported?: number; exportURL?: string }
  error?: string
}

/** Polls getTasks as the clients do, returning every answer seen until the task is finished. */
async function pollTask(emu: Emulator, taskId: string, tokenV2: string): Promise<TaskResult[]> {
  const seen: TaskResult[] = []
  for (let attempt = 0; attempt < 2_000; attempt++) {
    const response = await post(emu, 'getTasks', { taskIds: [taskId] }, { tokenV2 })
    expect(response.status).toBe(200)
    const [task] = response.body.results as TaskResult[]
    seen.push(task!)
    if (task!.state === 'success' || task!.state === 'failure') return seen
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`task ${taskId} did not finish`)
}

async function downloadZip(url: string): Promise<Record<string, string>> {
  const response = await fetch(url)
  expect(response.status).toBe(200)
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()))
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]))
}

const compact = (id: string) => id.replace(/-/g, '')

describe('export tasks', () => {
  it("notion-py's extract_markdown body: a zip with exactly one markdown file of the page", async () => {
    const { emu, demo, ada } = await demoWorkspace()
    const enqueued = await post(
      emu,
      'enqueueTask',
      {
        task: {
          eventName: 'exportBlock',
          request: {
            block: { id: demo.meetingNotesPageId, spaceId: demo.spaceId },
            recursive: false,
            exportOptions: { exportType: 'markdown', timeZone: 'America/Los_Angeles', locale: 'en', collectionViewExportType: 'currentView', includeContents: 'no_files', preferredViewMap: {} },
            shouldExportComments: false,
          },
        },
      },
      ada,
    )
    expect(enqueued.status).toBe(200)
    expect(enqueued.body.taskId).toMatch(/^[0-9a-f-]{36}$/)
    const seen = await pollTask(emu, enqueued.body.taskId, ada.tokenV2)
    const done = seen.at(-1)!
    expect(done).toMatchObject({ id: enqueued.body.taskId, state: 'success', status: { type: 'complete', pagesExported: 1 } })
    // Every answer before it was a step on the way: not started or in progress, counts never going back.
    const counts = seen.slice(0, -1).map((task) => {
      expect(['not_started', 'in_progress']).toContain(task.state)
      return task.status?.pagesExported ?? 0
    })
    expect(counts).toEqual([...counts].sort((a, b) => a - b))

    const files = await downloadZip(done.status!.exportURL!)
    expect(Object.keys(files)).toEqual([`Meeting notes ${compact(demo.meetingNotesPageId)}.md`])
    expect(files[`Meeting notes ${compact(demo.meetingNotesPageId)}.md`]).toMatch(/^# Meeting notes\n/)
  })

  it('recursive HTML export (the web app partitionedExportBlock): sub-pages in folders, linked relatively', async () => {
    const { emu, demo, ada } = await demoWorkspace()
    const enqueued = await post(
      emu,
      'enqueueTask',
      {
        task: {
          eventName: 'partitionedExportBlock',
          request: { block: { id: demo.homePageId, spaceId: demo.spaceId }, recursive: true, exportOptions: { exportType: 'html', timeZone: 'UTC', locale: 'en' }, spaceId: demo.spaceId },
          cellRouting: { spaceIds: [demo.spaceId] },
        },
      },
      ada,
    )
    expect(enqueued.status).toBe(200)
    const done = (await pollTask(emu, enqueued.body.taskId, ada.tokenV2)).at(-1)!
    expect(done.state).toBe('success')
    const files = await downloadZip(done.status!.exportURL!)
    const home = `Acme Handbook ${compact(demo.homePageId)}`
    const notes = `${home}/Meeting notes ${compact(demo.meetingNotesPageId)}.html`
    expect(Object.keys(files)).toContain(`${home}.html`)
    expect(Object.keys(files)).toContain(notes)
    expect(done.status!.pagesExported).toBe(Object.keys(files).length)
    expect(files[`${home}.html`]).toContain('<title>Acme Handbook</title>')
    // The sub-page's file sits in the folder named like the home page, so the link is that path.
    expect(files[`${home}.html`]).toContain(`href="${encodeURI(notes)}"`)
    expect(files[notes]).toContain('<h1>Meeting notes</h1>')
  })

  it('refuses unknown event names, PDF exports and bad requests with 400, and anonymous callers with 401', async () => {
    const { emu, demo, ada } = await demoWorkspace()
    const request = { block: { id: demo.homePageId }, recursive: false, exportOptions: { exportType: 'markdown' } }
    const unknown = await post(emu, 'enqueueTask', { task: { eventName: 'deleteSpace', request: {} } }, ada)
    expect(unknown.status).toBe(400)
    expect(unknown.body.debugMessage).toContain('deleteSpace')
    const pdf = await post(emu, 'enqueueTask', { task: { eventName: 'exportBlock', request: { ...request, exportOptions: { exportType: 'pdf' } } } }, ada)
    expect(pdf.status).toBe(400)
    expect(pdf.body.debugMessage).toContain('exportType')
    const noBlock = await post(emu, 'enqueueTask', { task: { eventName: 'exportBlock', request: { exportOptions: { exportType: 'markdown' } } } }, ada)
    expect(noBlock.status).toBe(400)
    expect((await post(emu, 'enqueueTask', { task: { eventName: 'exportBlock', request } })).status).toBe(401)
    expect((await post(emu, 'getTasks', {}, ada)).status).toBe(400)
  })

  it("another user neither sees the task nor exports a page they cannot read", async () => {
    const { emu, demo, ada } = await demoWorkspace()
    const eve = emu.createUser({ email: 'eve@example.com' })
    const request = { block: { id: demo.homePageId }, recursive: true, exportOptions: { exportType: 'markdown' } }
    const mine = await post(emu, 'enqueueTask', { task: { eventName: 'exportBlock', request } }, ada)
    await pollTask(emu, mine.body.taskId, ada.tokenV2)
    expect((await post(emu, 'getTasks', { taskIds: [mine.body.taskId] }, eve)).body).toEqual({ results: [] })

    const theirs = await post(emu, 'enqueueTask', { task: { eventName: 'exportBlock', request } }, eve)
    expect(theirs.status).toBe(200)
    const done = (await pollTask(emu, theirs.body.taskId, eve.tokenV2)).at(-1)!
    expect(done.state).toBe('failure')
    expect(done.error).toMatch(/may not read/)
    expect(done.status?.exportURL).toBeUndefined()
  })
})
