import { NotionClient, type CollectionRowBlock, type PropertyDate } from '@notion-rx/core'
import { startEmulator, type Emulator } from '@notion-rx/emulator'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDashboard, type Dashboard } from '../src/index.js'
import { buildAssets } from './buildAssets.js'
import { launchChromium, type LaunchedChromium } from './launchChromium.js'
import { seedBigTable } from './seedBigTable.js'

/**
 * The dashboard's editors for dates, tags, people, relations and options, its chart's grouped
 * aggregations, the calendar's opening month and a big table's windows, in Chromium against the
 * emulator; every edit is read back through a second client.
 */
const WAIT = { timeout: 15_000 }
/** Set to a folder to keep screenshots (the guide's images come from there). */
const SCREENSHOTS = process.env['NOTION_RX_DASHBOARD_SCREENSHOTS']
const P = { status: 'S~tx', tags: 'tG%a', assignee: 'a#Sg', due: 'd;Ue', estimate: 'e7Sm', blockedBy: 'b]Kd' }

let emulator: Emulator
let owner: NotionClient
let teammate: NotionClient
let tasks: Dashboard
let chromium: LaunchedChromium | undefined
let tab: Page

/** A row as a new client reads it: what reached the emulator. */
async function stored(rowId: string, property: string): Promise<unknown> {
  const reader = new NotionClient({ tokenV2: emulator.demo!.memberToken, baseUrl: emulator.apiUrl })
  try {
    return ((await reader.getBlock(rowId)) as CollectionRowBlock).prop(property)
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

async function shot(name: string): Promise<void> {
  if (!SCREENSHOTS || !chromium) return
  mkdirSync(SCREENSHOTS, { recursive: true })
  await tab.screenshot({ path: join(SCREENSHOTS, `dashboard-${name}.png`) })
}

const cell = (rowId: string, property: string) => tab.locator(`.tr[data-row-id="${rowId}"] .td[data-property="${property}"]`)
const chartValues = async () => Object.fromEntries(await tab.locator('.chart-values span').evaluateAll((spans) => spans.map((span) => [span.getAttribute('data-label'), span.textContent])))

beforeAll(async () => {
  buildAssets()
  chromium = await launchChromium()
  emulator = await startEmulator({ seed: 'demo', port: 0, db: ':memory:' })
  owner = new NotionClient({ tokenV2: emulator.demo!.ownerToken, baseUrl: emulator.apiUrl, monitor: true })
  teammate = new NotionClient({ tokenV2: emulator.demo!.memberToken, baseUrl: emulator.apiUrl })
  tasks = await startDashboard({ client: owner, url: emulator.demo!.tasksBlockId })
  if (chromium) tab = await chromium.context.newPage()
}, 60_000)

afterAll(async () => {
  await chromium?.close()
  await tasks?.close()
  await owner?.close()
  await teammate?.close()
  await emulator?.close()
})

describe('editing, charts, calendar months and big tables in Chromium', { timeout: 90_000 }, () => {
  it('opens the calendar on the month that has rows when the current one has none, and moves month by month', async () => {
    if (!chromium) return
    await tab.goto(`${tasks.url}&view=${emulator.demo!.tasksViewIds.calendar}`)
    // The demo's rows are due in February, March (most) and April 2024.
    await tab.locator('.calendar-month[data-month="2024-03"]').waitFor(WAIT)
    expect(await tab.locator('.calendar-month').textContent()).toBe('March 2024')
    expect(await tab.locator('.calendar-day .card').count()).toBe(9)
    await tab.locator('button[aria-label="Previous month"]').click()
    await tab.locator('.calendar-month[data-month="2024-02"]').waitFor(WAIT)
    await tab.locator('.calendar-day[data-day="2024-02-28"] .card').waitFor(WAIT)
    expect(await tab.locator('.calendar-day .card').count()).toBe(1)
    await tab.locator('button[aria-label="Next month"]').click()
    await tab.locator('button[aria-label="Next month"]').click()
    await tab.locator('.calendar-day[data-day="2024-04-02"] .card', { hasText: 'Migrate database' }).waitFor(WAIT)
    expect(await tab.locator('.calendar-month').textContent()).toBe('April 2024')
  })

  it('charts the count, sum, average, min and max of a number per group, per a property the viewer picks, live', async () => {
    if (!chromium) return
    await tab.goto(tasks.url)
    await tab.locator('.tr').nth(7).waitFor(WAIT)
    expect(await chartValues()).toEqual({ 'Not started': '3', 'In progress': '3', Done: '2' })
    expect(await tab.locator('.chart-title').textContent()).toBe('Rows per Status')
    await tab.locator('.chart-measure').selectOption(`sum:${P.estimate}`)
    expect(await chartValues()).toEqual({ 'Not started': '22', 'In progress': '9.5', Done: '2.5' })
    expect(await tab.locator('.chart-title').textContent()).toBe('Sum of Estimate per Status')
    await tab.locator('.chart-measure').selectOption(`avg:${P.estimate}`)
    expect(await chartValues()).toEqual({ 'Not started': '7.33', 'In progress': '3.17', Done: '1.25' })
    await tab.locator('.chart-measure').selectOption(`min:${P.estimate}`)
    expect(await chartValues()).toEqual({ 'Not started': '1', 'In progress': '1.5', Done: '0.5' })
    await tab.locator('.chart-measure').selectOption(`max:${P.estimate}`)
    expect(await chartValues()).toEqual({ 'Not started': '13', 'In progress': '5', Done: '2' })

    // Per person: a row with two assignees counts for both; rows with none are "No Assignee".
    await tab.locator('.chart-measure').selectOption(`sum:${P.estimate}`)
    await tab.locator('.chart-grouping').selectOption(P.assignee)
    expect(await chartValues()).toEqual({ 'Ada Lovelace': '21.5', 'Grace Hopper': '9.5', 'No Assignee': '8' })
    // A teammate's edit moves the figures without a reload.
    const logo = await rowIdByTitle('Design new logo')
    await ((await teammate.getBlock(logo)) as CollectionRowBlock).setProp('Estimate', 10)
    await expect.poll(chartValues, WAIT).toEqual({ 'Ada Lovelace': '21.5', 'Grace Hopper': '9.5', 'No Assignee': '10' })
  })

  it('edits a date range, tags, people and an option in the table, read back through a second client', async () => {
    if (!chromium) return
    const bug = await rowIdByTitle('Fix login redirect bug')

    await cell(bug, P.due).locator('.editable').click()
    await tab.locator('.date-editor .date-start').fill('2024-03-20')
    await tab.locator('.date-editor .date-end').fill('2024-03-22')
    await tab.locator('.date-editor .panel-save').click()
    await cell(bug, P.due).filter({ hasText: '2024-03-20 → 2024-03-22' }).waitFor(WAIT)
    await expect.poll(async () => {
      const due = (await stored(bug, 'Due')) as PropertyDate | null
      return due && [due.start, due.end]
    }, WAIT).toEqual(['2024-03-20', '2024-03-22'])

    await cell(bug, P.tags).locator('.editable').click()
    await tab.locator('.choice-editor .choice[data-choice="planning"] input').check()
    await tab.locator('.choice-editor .panel-save').click()
    await expect.poll(() => stored(bug, 'Tags'), WAIT).toEqual(['bug', 'planning'])
    expect(await cell(bug, P.tags).locator('.tag').allTextContents()).toEqual(['bug', 'planning'])

    const { ownerId, memberId } = emulator.demo!
    await cell(bug, P.assignee).locator('.editable').click()
    expect(await tab.locator('.choice-editor .choice').allTextContents()).toEqual(expect.arrayContaining(['Ada Lovelace', 'Grace Hopper']))
    await shot('editing')
    await tab.locator(`.choice-editor .choice[data-choice="${ownerId}"] input`).check()
    await tab.locator(`.choice-editor .choice[data-choice="${memberId}"] input`).uncheck()
    await tab.locator('.choice-editor .panel-save').click()
    await expect.poll(() => stored(bug, 'Assignee'), WAIT).toEqual([ownerId])
    expect(await cell(bug, P.assignee).textContent()).toBe('Ada Lovelace')

    await cell(bug, P.status).locator('.editable').click()
    await tab.locator(`.tr[data-row-id="${bug}"] select.cell-editor`).selectOption('Done')
    await expect.poll(() => stored(bug, 'Status'), WAIT).toBe('Done')
    await cell(bug, P.status).locator('.tag', { hasText: 'Done' }).waitFor(WAIT)
  })

  it('edits a relation to rows of the related database, once a teammate shows its column', async () => {
    if (!chromium) return
    // The table view does not show "Blocked by": a teammate adds it to the view's columns.
    const view = await teammate.getCollectionView(emulator.demo!.tasksViewIds.table)
    const columns = view.get(['format', 'table_properties']) as unknown[]
    await view.set(['format', 'table_properties'], [...columns, { property: P.blockedBy, visible: true, width: 220 }])
    await tab.locator('.th', { hasText: 'Blocked by' }).waitFor(WAIT)

    const interviews = await rowIdByTitle('Customer interviews')
    const ci = await rowIdByTitle('Set up CI pipeline')
    await cell(interviews, P.blockedBy).locator('.editable').click()
    // The editor offers the related database's rows (here, the same database).
    await tab.locator(`.choice-editor .choice[data-choice="${ci}"]`, { hasText: 'Set up CI pipeline' }).waitFor(WAIT)
    await tab.locator(`.choice-editor .choice[data-choice="${ci}"] input`).check()
    await tab.locator('.choice-editor .panel-save').click()
    await expect.poll(() => stored(interviews, 'Blocked by'), WAIT).toEqual([ci])
    await cell(interviews, P.blockedBy).filter({ hasText: 'Set up CI pipeline' }).waitFor(WAIT)
  })

  it('rolls a rejected tags edit back in the page, with the error', async () => {
    if (!chromium) return
    const guide = await rowIdByTitle('Write onboarding guide')
    expect(await cell(guide, P.tags).locator('.tag').allTextContents()).toEqual(['docs', 'onboarding'])
    emulator.setFaults({ rejectWrites: true })
    try {
      await cell(guide, P.tags).locator('.editable').click()
      await tab.locator('.choice-editor .choice[data-choice="research"] input').check()
      await tab.locator('.choice-editor .panel-save').click()
      await tab.locator('.toast.error', { hasText: 'Edit rolled back.' }).waitFor(WAIT)
      await expect.poll(() => cell(guide, P.tags).locator('.tag').allTextContents(), WAIT).toEqual(['docs', 'onboarding'])
    } finally {
      emulator.setFaults({})
    }
    expect(await stored(guide, 'Tags')).toEqual(['docs', 'onboarding'])
  })

  it('renders a 1,000-row table from its first rows, fetches the others as it scrolls, and keeps them live', async () => {
    if (!chromium) return
    const user = emulator.createUser({ email: 'big@example.com' })
    const big = seedBigTable(emulator, user.spaceId, 1000, '9')
    const client = new NotionClient({ tokenV2: user.tokenV2, baseUrl: emulator.apiUrl, monitor: true })
    const writer = new NotionClient({ tokenV2: user.tokenV2, baseUrl: emulator.apiUrl })
    const dashboard = await startDashboard({ client, url: big.blockId })
    try {
      await tab.goto(dashboard.url)
      await tab.locator('.database-count[data-total="1000"]').waitFor(WAIT)
      await tab.locator('.td[data-property="title"]', { hasText: 'Row 0' }).first().waitFor(WAIT)
      expect(await tab.locator('.tf[data-property="num"]').textContent()).toBe('sum 499500')
      expect(await tab.locator('.tr').count()).toBeLessThan(40)

      await tab.locator('.table-body').evaluate((body) => {
        body.scrollTop = body.scrollHeight
      })
      await tab.locator(`.tr[data-row-id="${big.rowIds[999]}"] .td[data-property="title"]`, { hasText: 'Row 999' }).waitFor(WAIT)
      expect(await tab.locator('.tr').count()).toBeLessThan(40)
      // A row scrolled to is kept up to date like the first ones.
      const last = (await writer.getBlock(big.rowIds[999]!)) as CollectionRowBlock
      await last.setProp('title', 'Row 999, renamed')
      await tab.locator(`.tr[data-row-id="${big.rowIds[999]}"] .td[data-property="title"]`, { hasText: 'Row 999, renamed' }).waitFor(WAIT)
    } finally {
      await dashboard.close()
      await client.close()
      await writer.close()
    }
  })
})
