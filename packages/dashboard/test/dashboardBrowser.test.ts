import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { NotionClient, type Block, type CollectionRowBlock, type CollectionViewBlock } from '@notion-rx/core'
import { startEmulator, type Emulator } from '@notion-rx/emulator'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDashboard, type Dashboard } from '../src/index.js'
import { buildAssets } from './buildAssets.js'
import { launchChromium, type LaunchedChromium } from './launchChromium.js'

/** Set to a folder to keep a screenshot of each view (the guide's images come from there). */
const SCREENSHOTS = process.env['NOTION_RX_DASHBOARD_SCREENSHOTS']
const WAIT = { timeout: 15_000 }

let emulator: Emulator
let owner: NotionClient
let teammate: NotionClient
let tasks: Dashboard
let home: Dashboard
let chromium: LaunchedChromium | undefined
let tab: Page

async function shot(name: string): Promise<void> {
  if (!SCREENSHOTS || !chromium) return
  mkdirSync(SCREENSHOTS, { recursive: true })
  await tab.screenshot({ path: join(SCREENSHOTS, `dashboard-${name}.png`), fullPage: true })
}

/** Reads a row as a new client sees it: what reached the emulator. */
async function storedRow(rowId: string): Promise<CollectionRowBlock> {
  const reader = new NotionClient({ tokenV2: emulator.demo!.memberToken, baseUrl: emulator.apiUrl })
  try {
    return (await reader.getBlock(rowId)) as CollectionRowBlock
  } finally {
    await reader.close()
  }
}

async function storedBlock(blockId: string): Promise<Block> {
  const reader = new NotionClient({ tokenV2: emulator.demo!.memberToken, baseUrl: emulator.apiUrl })
  try {
    return await reader.getBlock(blockId)
  } finally {
    await reader.close()
  }
}

async function rowIdByTitle(title: string): Promise<string> {
  const view = await teammate.getCollectionView(emulator.demo!.tasksViewIds.table)
  const { rows } = await view.defaultQuery().execute()
  const row = rows.find((each) => each.prop('title') === title)
  if (!row) throw new Error(`No row ${title}`)
  return row.id
}

const titles = (page: Page, selector: string) => page.locator(selector).evaluateAll((cards) => cards.map((card) => card.querySelector('.card-title')?.textContent ?? ''))

beforeAll(async () => {
  buildAssets()
  chromium = await launchChromium()
  emulator = await startEmulator({ seed: 'demo', port: 0, db: ':memory:' })
  owner = new NotionClient({ tokenV2: emulator.demo!.ownerToken, baseUrl: emulator.apiUrl, monitor: true })
  teammate = new NotionClient({ tokenV2: emulator.demo!.memberToken, baseUrl: emulator.apiUrl })
  tasks = await startDashboard({ client: owner, url: emulator.demo!.tasksBlockId })
  home = await startDashboard({ client: owner, url: emulator.demo!.homePageId })
  if (chromium) tab = await chromium.context.newPage()
}, 60_000)

afterAll(async () => {
  await chromium?.close()
  await tasks?.close()
  await home?.close()
  await owner?.close()
  await teammate?.close()
  await emulator?.close()
})

describe('the dashboard in Chromium', { timeout: 90_000 }, () => {
  it('shows the table view: columns in the view\'s order and widths, rows, aggregates in the footer, a chart', async () => {
    if (!chromium) return
    await tab.goto(tasks.url)
    await tab.locator('.tr').nth(7).waitFor(WAIT)
    expect(await tab.locator('.th').allTextContents()).toEqual(['Name', 'Status', 'Assignee', 'Due', 'Tags', 'Estimate', 'Urgent', 'Notes'])
    expect(await tab.locator('.th').first().evaluate((cell) => cell.getBoundingClientRect().width)).toBe(260)
    expect(await tab.locator('.tr .td[data-property="title"]').allTextContents()).toEqual([
      'Write onboarding guide',
      'Fix login redirect bug',
      'Plan Q2 roadmap',
      'Set up CI pipeline',
      'Design new logo',
      'Update dependencies',
      'Customer interviews',
      'Migrate database',
    ])
    expect(await tab.locator('.tf[data-property="title"]').textContent()).toBe('count 8')
    expect(await tab.locator('.tf[data-property="e7Sm"]').textContent()).toBe('sum 34')
    expect(await tab.locator('.tr').first().locator('.td[data-property="S~tx"] .tag').textContent()).toBe('In progress')
    expect(await tab.locator('.tr').first().locator('.td[data-property="a#Sg"]').textContent()).toBe('Ada Lovelace')
    expect(await tab.locator('.chart-values span').evaluateAll((spans) => spans.map((span) => [span.getAttribute('data-label'), span.textContent]))).toEqual([
      ['Not started', '3'],
      ['In progress', '3'],
      ['Done', '2'],
    ])
    await tab.locator('[data-status="live"]').waitFor(WAIT)
    await shot('table')
  })

  it('shows a teammate\'s write without a reload, and writes an edited title and a new row back', async () => {
    if (!chromium) return
    const rowId = await rowIdByTitle('Fix login redirect bug')
    const row = (await teammate.getBlock(rowId)) as CollectionRowBlock
    await row.setProp('title', 'Fix login redirect bug (SSO)')
    await tab.locator(`.tr[data-row-id="${rowId}"] .td[data-property="title"]`, { hasText: 'Fix login redirect bug (SSO)' }).waitFor(WAIT)

    await tab.locator(`.tr[data-row-id="${rowId}"] .td[data-property="title"] .editable`).click()
    const editor = tab.locator(`.tr[data-row-id="${rowId}"] .cell-editor`)
    await editor.fill('Fix the login redirect')
    await editor.press('Enter')
    await expect.poll(async () => (await storedRow(rowId)).prop('title'), WAIT).toBe('Fix the login redirect')

    await tab.locator('.add-row').fill('Write release notes')
    await tab.locator('.add-row').press('Enter')
    await tab.locator('.tr .td[data-property="title"]', { hasText: 'Write release notes' }).waitFor(WAIT)
    await expect.poll(async () => (await tab.locator('.tf[data-property="title"]').textContent()), WAIT).toBe('count 9')
    const added = await rowIdByTitle('Write release notes')
    expect((await storedRow(added)).prop('title')).toBe('Write release notes')
  })

  it('shows the board view by its group property, and a card dragged to another column reaches the emulator', async () => {
    if (!chromium) return
    await tab.locator('.view-tab', { hasText: 'By status' }).click()
    await tab.locator('.board-column').nth(2).waitFor(WAIT)
    expect(await tab.locator('.board-column').evaluateAll((columns) => columns.map((column) => column.getAttribute('data-group')))).toEqual(['', 'Not started', 'In progress', 'Done'])
    // The row added above has no status: Notion's "No Status" column comes first.
    expect(await titles(tab, '.board-column[data-group=""] .card')).toEqual(['Write release notes'])
    expect(await tab.locator('.board-column[data-group=""] .board-column-head .tag').textContent()).toBe('No Status')
    expect(await titles(tab, '.board-column[data-group="Not started"] .card')).toEqual(['Fix the login redirect', 'Design new logo', 'Migrate database'])
    expect(await titles(tab, '.board-column[data-group="In progress"] .card')).toEqual(['Write onboarding guide', 'Plan Q2 roadmap', 'Customer interviews'])
    expect(await titles(tab, '.board-column[data-group="Done"] .card')).toEqual(['Set up CI pipeline', 'Update dependencies'])
    expect(await tab.locator('.board-column[data-group="Done"] .board-count').textContent()).toBe('2')
    await shot('board')

    const logo = await rowIdByTitle('Design new logo')
    await tab.locator(`.card[data-row-id="${logo}"]`).dragTo(tab.locator('.board-column[data-group="Done"]'))
    await tab.locator(`.board-column[data-group="Done"] .card[data-row-id="${logo}"]`).waitFor(WAIT)
    await expect.poll(async () => (await storedRow(logo)).prop('Status'), WAIT).toBe('Done')
  })

  it('shows the calendar view: each row on the days its date covers', async () => {
    if (!chromium) return
    const calendar = emulator.demo!.tasksViewIds.calendar
    await tab.goto(`${tasks.url}&view=${calendar}&month=2024-03`)
    await tab.locator('.calendar-day[data-day="2024-03-15"] .card').waitFor(WAIT)
    expect(await tab.locator('.calendar-month').textContent()).toBe('March 2024')
    const onDay = (day: string) => titles(tab, `.calendar-day[data-day="${day}"] .card`)
    expect(await onDay('2024-03-15')).toEqual(['Write onboarding guide'])
    expect(await onDay('2024-03-12')).toEqual(['Fix the login redirect'])
    expect(await onDay('2024-03-01')).toEqual(['Set up CI pipeline'])
    expect(await onDay('2024-03-14')).toEqual(['Customer interviews'])
    for (const day of ['2024-03-18', '2024-03-19', '2024-03-20', '2024-03-21', '2024-03-22']) expect(await onDay(day)).toEqual(['Plan Q2 roadmap'])
    // February's and April's rows are not in March.
    expect(await tab.locator('.calendar-day .card').count()).toBe(9)
    await shot('calendar')
    await tab.locator('button[aria-label="Next month"]').click()
    await tab.locator('.calendar-day[data-day="2024-04-02"] .card', { hasText: 'Migrate database' }).waitFor(WAIT)
  })

  it('shows list, gallery and timeline views a teammate adds, in the view switcher at once', async () => {
    if (!chromium) return
    const block = (await teammate.getBlock(emulator.demo!.tasksBlockId)) as CollectionViewBlock
    block.views.addNew('list', { name: 'List' })
    block.views.addNew('gallery', { name: 'Gallery' })
    block.views.addNew('timeline', { name: 'Roadmap' })
    await teammate.flush()
    await tab.locator('.view-tab', { hasText: 'Roadmap' }).waitFor(WAIT)
    expect(await tab.locator('.view-tab').allTextContents()).toEqual(['▦ All tasks', '▥ By status', '▣ Calendar', '☰ List', '▚ Gallery', '▬ Roadmap'])

    await tab.locator('.view-tab', { hasText: 'List' }).click()
    await tab.locator('.list-item').nth(8).waitFor(WAIT)
    expect(await tab.locator('.list-item').count()).toBe(9)
    await shot('list')
    await tab.locator('.view-tab', { hasText: 'Gallery' }).click()
    await tab.locator('.gallery-card').nth(8).waitFor(WAIT)
    await shot('gallery')
    await tab.locator('.view-tab', { hasText: 'Roadmap' }).click()
    await tab.locator('.timeline-bar').first().waitFor(WAIT)
    // Seven rows have a due date; the two without one are listed apart.
    expect(await tab.locator('.timeline-bar').count()).toBe(7)
    expect(await tab.locator('.timeline-undated-row').allTextContents()).toEqual(['Design new logo', 'Write release notes'])
    const roadmap = tab.locator('.timeline-bar', { hasText: 'Plan Q2 roadmap' })
    const ci = tab.locator('.timeline-bar', { hasText: 'Set up CI pipeline' })
    // A five-day range is five days wide.
    expect(await roadmap.evaluate((bar) => bar.getBoundingClientRect().width)).toBe(5 * (await ci.evaluate((bar) => bar.getBoundingClientRect().width)))
    await shot('timeline')
  })

  it('shows the page: blocks rendered, a teammate\'s edit in place, a checked to-do written back', async () => {
    if (!chromium) return
    await tab.goto(home.url)
    await tab.locator('.page-title', { hasText: 'Acme Handbook' }).waitFor(WAIT)
    await tab.locator('.inline-database .tr').nth(7).waitFor(WAIT)
    expect(await tab.locator('h2.heading').first().textContent()).toBe('Welcome to Acme')
    expect(await tab.locator('.block.code').count()).toBe(1)
    expect(await tab.locator('.block.callout').count()).toBe(1)
    expect(await tab.locator('.block.columns .column').count()).toBe(2)
    expect(await tab.locator('.block .b', { hasText: 'everything' }).count()).toBe(1)
    await tab.locator('[data-status="live"]').waitFor(WAIT)
    await shot('page')

    const todoId = (await tab.locator('.to-do', { hasText: 'Read the handbook' }).getAttribute('data-block-id'))!
    const todo = tab.locator(`.to-do[data-block-id="${todoId}"]`)
    const block = await teammate.getBlock(todoId)
    await block.set(['properties', 'title'], [['Read the whole handbook']])
    await tab.locator(`.to-do[data-block-id="${todoId}"]`, { hasText: 'Read the whole handbook' }).waitFor(WAIT)

    expect(await todo.locator('input').isChecked()).toBe(false)
    await todo.locator('input').click()
    await tab.locator(`.to-do.checked[data-block-id="${todoId}"]`).waitFor(WAIT)
    await expect.poll(async () => (await storedBlock(todoId)).get(['properties', 'checked', 0, 0]), WAIT).toBe('Yes')
  })

  it('rolls a rejected write back in the page, with the error', async () => {
    if (!chromium) return
    const todo = tab.locator('.to-do', { hasText: 'Set up your laptop' })
    const todoId = (await todo.getAttribute('data-block-id'))!
    expect(await todo.locator('input').isChecked()).toBe(true)
    emulator.setFaults({ rejectWrites: true })
    try {
      await todo.locator('input').click()
      await tab.locator('.toast.error', { hasText: 'Edit rolled back.' }).waitFor(WAIT)
      await tab.locator(`.to-do.checked[data-block-id="${todoId}"]`).waitFor(WAIT)
      expect(await todo.locator('input').isChecked()).toBe(true)
    } finally {
      emulator.setFaults({})
    }
    expect((await storedBlock(todoId)).get(['properties', 'checked', 0, 0])).toBe('Yes')
  })

  it('shows reconnecting while the server is down, then live again after a restart', async () => {
    if (!chromium) return
    await tab.locator('[data-status="live"]').waitFor(WAIT)
    const { port, token } = home
    await home.close()
    await tab.locator('[data-status="reconnecting"]').waitFor(WAIT)
    home = await startDashboard({ client: owner, url: emulator.demo!.homePageId, port, token })
    await tab.locator('[data-status="live"]').waitFor(WAIT)
    // The restarted server sent the page again.
    await tab.locator('.page-title', { hasText: 'Acme Handbook' }).waitFor(WAIT)
  })

  it('answers 403 to a browser without the access token', async () => {
    if (!chromium) return
    const other = await chromium.context.browser()?.newContext()
    const page = other ? await other.newPage() : await chromium.context.newPage()
    try {
      const response = await page.goto(tasks.url.replace(/\?token=.*$/, '').replace('127.0.0.1', 'localhost'))
      expect(response?.status()).toBe(403)
    } finally {
      await page.close()
      await other?.close()
    }
  })
})
