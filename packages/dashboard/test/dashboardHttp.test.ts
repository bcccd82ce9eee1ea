import { NotionClient, type CollectionRowBlock } from '@notion-rx/core'
import { startEmulator, type Emulator } from '@notion-rx/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DashboardError, startDashboard, type Dashboard } from '../src/index.js'
import { buildAssets } from './buildAssets.js'
import { httpRequest, openEvents } from './httpRequest.js'
import { seedBigTable } from './seedBigTable.js'

let emulator: Emulator
let owner: NotionClient
let teammate: NotionClient
let dashboard: Dashboard

const cookieOf = (dashboard: Dashboard) => `notion_rx_dashboard_${dashboard.port}=${dashboard.token}`
const hostOf = (dashboard: Dashboard) => `127.0.0.1:${dashboard.port}`

beforeAll(async () => {
  buildAssets()
  emulator = await startEmulator({ seed: 'demo', port: 0, db: ':memory:' })
  owner = new NotionClient({ tokenV2: emulator.demo!.ownerToken, baseUrl: emulator.apiUrl, monitor: true })
  teammate = new NotionClient({ tokenV2: emulator.demo!.memberToken, baseUrl: emulator.apiUrl })
  dashboard = await startDashboard({ client: owner, url: emulator.demo!.tasksBlockId })
}, 30_000)

afterAll(async () => {
  await dashboard?.close()
  await owner?.close()
  await teammate?.close()
  await emulator?.close()
})

describe('the dashboard server', () => {
  it('exports its API from the package index', async () => {
    expect(Object.keys(await import('../src/index.js')).sort()).toEqual(['AccessGuard', 'DASHBOARD_ERROR_CODES', 'DashboardActionError', 'DashboardError', 'dashboardActionSchema', 'startDashboard'])
  })

  it('listens on loopback and prints an address with a random access token', () => {
    expect(dashboard.host).toBe('127.0.0.1')
    expect(dashboard.url).toBe(`http://127.0.0.1:${dashboard.port}/?token=${dashboard.token}`)
    expect(dashboard.token).toMatch(/^[\w-]{32}$/)
  })

  it('swaps the token in the address for an HttpOnly SameSite cookie, then serves the app without the token_v2', async () => {
    const first = await httpRequest(dashboard.port, { path: `/?token=${dashboard.token}&view=x`, headers: { host: hostOf(dashboard) } })
    expect(first.status).toBe(303)
    expect(first.headers['location']).toBe('/?view=x')
    expect(String(first.headers['set-cookie'])).toContain(`${cookieOf(dashboard)}; HttpOnly; SameSite=Strict`)
    const page = await httpRequest(dashboard.port, { headers: { host: hostOf(dashboard), cookie: cookieOf(dashboard) } })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.body).toContain('"kind":"database"')
    expect(page.body).not.toContain(emulator.demo!.ownerToken)
    const script = await httpRequest(dashboard.port, { path: '/assets/app.js', headers: { host: hostOf(dashboard), cookie: cookieOf(dashboard) } })
    expect(script.status).toBe(200)
    expect(script.headers['content-type']).toContain('javascript')
  })

  it('answers 403 without the token, with a wrong one, a foreign Host (DNS rebinding) or a foreign Origin', async () => {
    const host = hostOf(dashboard)
    expect((await httpRequest(dashboard.port, { headers: { host } })).status).toBe(403)
    expect((await httpRequest(dashboard.port, { path: '/events', headers: { host } })).status).toBe(403)
    expect((await httpRequest(dashboard.port, { path: '/?token=wrong', headers: { host } })).status).toBe(403)
    expect((await httpRequest(dashboard.port, { headers: { host: `evil.example:${dashboard.port}`, cookie: cookieOf(dashboard) } })).status).toBe(403)
    expect((await httpRequest(dashboard.port, { headers: { host, cookie: cookieOf(dashboard), origin: 'http://evil.example' } })).status).toBe(403)
    expect((await httpRequest(dashboard.port, { headers: { host, cookie: cookieOf(dashboard), 'sec-fetch-site': 'cross-site' } })).status).toBe(403)
    // Writes need our own Origin, even with the cookie.
    const action = JSON.stringify({ type: 'setChecked', blockId: emulator.demo!.homePageId, checked: true })
    expect((await httpRequest(dashboard.port, { method: 'POST', path: '/api/action', headers: { host, cookie: cookieOf(dashboard), 'content-type': 'application/json' }, body: action })).status).toBe(403)
  })

  it('refuses edits outside the closed set, too large, or out of scope, and applies a valid one through the SDK', async () => {
    const headers = { host: hostOf(dashboard), cookie: cookieOf(dashboard), origin: `http://${hostOf(dashboard)}`, 'content-type': 'application/json' }
    // The view must be shown for its rows to be in scope: a tab subscribes first.
    const events = openEvents(dashboard.port, { host: hostOf(dashboard), cookie: cookieOf(dashboard) })
    try {
      const hello = await events.next((event) => event.type === 'hello')
      const table = emulator.demo!.tasksViewIds.table
      expect((await httpRequest(dashboard.port, { method: 'POST', path: '/api/subscribe', headers, body: JSON.stringify({ tab: hello.tab, channels: [`view:${table}`] }) })).status).toBe(204)
      const snapshot = await events.next((event) => event.type === 'snapshot')
      expect(snapshot.model.order).toHaveLength(8)

      const post = (body: unknown) => httpRequest(dashboard.port, { method: 'POST', path: '/api/action', headers, body: typeof body === 'string' ? body : JSON.stringify(body) })
      const unknown = await post({ type: 'deleteEverything' })
      expect(unknown.status).toBe(400)
      expect(JSON.parse(unknown.body).error).toMatch(/Unknown or malformed edit/)
      expect((await post({ type: 'setCell', rowId: snapshot.model.order[0], property: 'title', value: 'x', extra: 1 })).status).toBe(400)
      expect((await post('{not json')).status).toBe(400)
      expect((await post({ type: 'setTitle', blockId: snapshot.model.order[0], title: 'x'.repeat(20_000) })).status).toBe(413)
      // A block of another page is out of scope.
      expect((await post({ type: 'setChecked', blockId: emulator.demo!.meetingNotesPageId, checked: true })).status).toBe(403)
      const rowId = snapshot.model.order[1] as string
      const ok = await post({ type: 'setCell', rowId, property: 'e7Sm', value: 42 })
      expect(JSON.parse(ok.body)).toEqual({ ok: true })
      const row = (await teammate.getBlock(rowId)) as CollectionRowBlock
      await row.refresh()
      expect(row.prop('Estimate')).toBe(42)
      // Every tab got the change as a patch of that one row.
      const patch = await events.next((event) => event.type === 'patch' && event.patch.rows?.[rowId])
      expect(Object.keys(patch.patch.rows)).toEqual([rowId])
      expect(patch.patch.rows[rowId].cells['e7Sm']).toEqual({ kind: 'number', value: 42, text: '42' })
      // Foreign channels are refused.
      expect((await httpRequest(dashboard.port, { method: 'POST', path: '/api/subscribe', headers, body: JSON.stringify({ tab: hello.tab, channels: [`page:${emulator.demo!.meetingNotesPageId}`] }) })).status).toBe(403)
      expect(events.raw()).not.toContain(emulator.demo!.ownerToken)
    } finally {
      events.close()
    }
  })

  it('checks every cell value against the property: options of the schema, members of the space, rows of the related database, real days, bounded lists', async () => {
    const headers = { host: hostOf(dashboard), cookie: cookieOf(dashboard), origin: `http://${hostOf(dashboard)}`, 'content-type': 'application/json' }
    const events = openEvents(dashboard.port, { host: hostOf(dashboard), cookie: cookieOf(dashboard) })
    try {
      const hello = await events.next((event) => event.type === 'hello')
      const table = `view:${emulator.demo!.tasksViewIds.table}`
      await httpRequest(dashboard.port, { method: 'POST', path: '/api/subscribe', headers, body: JSON.stringify({ tab: hello.tab, channels: [table] }) })
      const snapshot = await events.next((event) => event.type === 'snapshot' && event.channel === table)
      const [rowId, otherRow] = snapshot.model.order as string[]
      const set = async (property: string, value: unknown) => {
        const reply = await httpRequest(dashboard.port, { method: 'POST', path: '/api/action', headers, body: JSON.stringify({ type: 'setCell', rowId, property, value }) })
        return { status: reply.status, error: (JSON.parse(reply.body) as { error?: string }).error }
      }
      expect(await set('tG%a', ['docs', 'no such tag'])).toEqual({ status: 400, error: 'Tags has no option "no such tag"; its options are "docs", "onboarding", "bug", "planning", "infra", "design", "research"' })
      expect(await set('S~tx', 'Shipped')).toMatchObject({ status: 400, error: expect.stringMatching(/^Status has no option "Shipped"/) })
      expect(await set('tG%a', 'docs')).toEqual({ status: 400, error: 'Tags (multi_select) takes a list of options' })
      const stranger = emulator.createUser({ email: 'stranger@example.com' })
      expect(await set('a#Sg', [stranger.id])).toEqual({ status: 400, error: `Assignee: ${stranger.id} is not a member of this workspace` })
      // A page that is not a row of the related database (here: the handbook page).
      expect(await set('b]Kd', [emulator.demo!.homePageId])).toEqual({ status: 400, error: `Blocked by: ${emulator.demo!.homePageId} is not a page of the related database` })
      expect((await set('d;Ue', { start: '2024-02-30' })).status).toBe(400)
      expect((await set('d;Ue', { start: '2024-03-10', end: '2024-03-01' })).status).toBe(400)
      expect((await set('d;Ue', { start: '2024-03-10', time: '10:00' })).status).toBe(400)
      expect((await set('tG%a', Array.from({ length: 101 }, () => 'docs'))).status).toBe(400)
      expect(await set('e7Sm', 'three')).toEqual({ status: 400, error: 'Estimate (number) takes a number' })
      // Computed properties are not edited.
      expect((await set('c8Rt', null)).status).toBe(400)
      // Valid ones go through the SDK.
      expect(await set('b]Kd', [otherRow])).toEqual({ status: 200 })
      expect(await set('d;Ue', { start: '2024-05-01', end: '2024-05-03' })).toEqual({ status: 200 })
      const row = (await teammate.getBlock(rowId!)) as CollectionRowBlock
      await row.refresh()
      expect(row.prop('Blocked by')).toEqual([otherRow])
      expect(row.prop('Due')).toMatchObject({ start: '2024-05-01', end: '2024-05-03' })
    } finally {
      events.close()
    }
  })

  it('sends a big table\'s first rows with its snapshot, and others to the tab that asks, kept up to date', async () => {
    const user = emulator.createUser({ email: 'windows@example.com' })
    const big = seedBigTable(emulator, user.spaceId, 1000, '6')
    const client = new NotionClient({ tokenV2: user.tokenV2, baseUrl: emulator.apiUrl, monitor: true })
    const writer = new NotionClient({ tokenV2: user.tokenV2, baseUrl: emulator.apiUrl })
    const bigDashboard = await startDashboard({ client, url: big.blockId })
    const headers = { host: hostOf(bigDashboard), cookie: cookieOf(bigDashboard) }
    const post = (path: string, body: unknown) => httpRequest(bigDashboard.port, { method: 'POST', path, headers: { ...headers, origin: `http://${hostOf(bigDashboard)}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const events = openEvents(bigDashboard.port, headers)
    try {
      const hello = await events.next((event) => event.type === 'hello')
      const channel = `view:${big.viewId}`
      // Rows of a channel the tab did not subscribe to are refused.
      expect((await post('/api/rows', { tab: hello.tab, channel, ids: [big.rowIds[500]] })).status).toBe(403)
      await post('/api/subscribe', { tab: hello.tab, channels: [channel] })
      const snapshot = await events.next((event) => event.type === 'snapshot' && event.channel === channel, 30_000)
      expect(snapshot.model.order).toEqual(big.rowIds)
      expect(Object.keys(snapshot.model.rows)).toEqual(big.rowIds.slice(0, 100))
      expect(snapshot.model.meta.aggregates).toEqual([{ property: 'num', aggregator: 'sum', text: '499500' }])

      expect((await post('/api/rows', { tab: hello.tab, channel, ids: Array.from({ length: 501 }, () => 'x') })).status).toBe(400)
      expect((await post('/api/rows', { tab: hello.tab, channel, ids: Array.from({ length: 500 }, () => big.rowIds[0]) })).status).toBe(413)
      expect((await post('/api/rows', { tab: hello.tab, channel, ids: [big.rowIds[900], big.rowIds[901], 'not-a-row'] })).status).toBe(204)
      const rows = await events.next((event) => event.type === 'rows' && event.channel === channel)
      expect(Object.keys(rows.rows)).toEqual([big.rowIds[900], big.rowIds[901]])
      expect(rows.rows[big.rowIds[900]!].cells.title).toEqual({ kind: 'text', spans: [{ text: 'Row 900' }] })

      // A row the tab has is patched when it changes; one no tab asked for travels as its place in the order only.
      await ((await writer.getBlock(big.rowIds[500]!)) as CollectionRowBlock).setProp('title', 'Row 500, renamed')
      await ((await writer.getBlock(big.rowIds[900]!)) as CollectionRowBlock).setProp('title', 'Row 900, renamed')
      const patch = await events.next((event) => event.type === 'patch' && event.patch.rows?.[big.rowIds[900]!])
      expect(patch.patch.rows[big.rowIds[900]!].cells.title).toEqual({ kind: 'text', spans: [{ text: 'Row 900, renamed' }] })
      const patched = events.events.flatMap((event: any) => (event.type === 'patch' ? Object.keys(event.patch.rows ?? {}) : []))
      expect(patched).not.toContain(big.rowIds[500])
    } finally {
      events.close()
      await bigDashboard.close()
      await client.close()
      await writer.close()
    }
  })

  it('shares one live query between tabs: a teammate\'s edit reaches both as the same patch', async () => {
    const headers = { host: hostOf(dashboard), cookie: cookieOf(dashboard) }
    const post = { ...headers, origin: `http://${hostOf(dashboard)}`, 'content-type': 'application/json' }
    const board = `view:${emulator.demo!.tasksViewIds.board}`
    const tabs = [openEvents(dashboard.port, headers), openEvents(dashboard.port, headers)]
    try {
      for (const tab of tabs) {
        const hello = await tab.next((event) => event.type === 'hello')
        await httpRequest(dashboard.port, { method: 'POST', path: '/api/subscribe', headers: post, body: JSON.stringify({ tab: hello.tab, channels: [board] }) })
        const snapshot = await tab.next((event) => event.type === 'snapshot' && event.channel === board)
        expect(snapshot.model.meta.groups.map((group: { value: string; ids: string[] }) => [group.value, group.ids.length])).toEqual([
          ['Not started', 3],
          ['In progress', 3],
          ['Done', 2],
        ])
      }
      const rows = await (await teammate.getCollectionView(emulator.demo!.tasksViewIds.board)).defaultQuery().execute()
      const logo = rows.rows.find((row) => row.prop('title') === 'Design new logo')!
      await logo.setProp('Status', 'Done')
      const patches = await Promise.all(tabs.map((tab) => tab.next((event) => event.type === 'patch' && event.channel === board && event.patch.meta?.groups?.[2]?.ids.includes(logo.id))))
      expect(patches[0]).toEqual(patches[1])
    } finally {
      for (const tab of tabs) tab.close()
    }
  })

  it('a read-only dashboard refuses every edit', async () => {
    const readOnly = await startDashboard({ client: owner, url: emulator.demo!.tasksBlockId, readOnly: true })
    try {
      const host = hostOf(readOnly)
      const reply = await httpRequest(readOnly.port, {
        method: 'POST',
        path: '/api/action',
        headers: { host, cookie: cookieOf(readOnly), origin: `http://${host}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'addRow', viewId: emulator.demo!.tasksViewIds.table, title: 'nope' }),
      })
      expect(reply.status).toBe(403)
      expect(JSON.parse(reply.body)).toEqual({ ok: false, error: 'This dashboard is read-only' })
    } finally {
      await readOnly.close()
    }
  })

  it('opens on a view by name, and names the views when the name is unknown', async () => {
    const byName = await startDashboard({ client: owner, url: emulator.demo!.tasksBlockId, view: 'calendar' })
    const page = await httpRequest(byName.port, { headers: { host: hostOf(byName), cookie: cookieOf(byName) } })
    expect(page.body).toContain(`"channel":"view:${emulator.demo!.tasksViewIds.calendar}"`)
    await byName.close()
    const error = await startDashboard({ client: owner, url: emulator.demo!.tasksBlockId, view: 'Roadmap' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DashboardError)
    expect((error as DashboardError).code).toBe('unknown_view')
    expect((error as Error).message).toBe('No view "Roadmap" in this database; its views are "All tasks", "By status", "Calendar"')
  })

  it('serves a page\'s files through addresses of its own blocks only (redirects to the signed or linked source)', async () => {
    const page = await startDashboard({ client: owner, url: emulator.demo!.homePageId })
    const headers = { host: hostOf(page), cookie: cookieOf(page) }
    const events = openEvents(page.port, headers)
    try {
      const hello = await events.next((event) => event.type === 'hello')
      const channel = `page:${emulator.demo!.homePageId}`
      await httpRequest(page.port, { method: 'POST', path: '/api/subscribe', headers: { ...headers, origin: `http://${hostOf(page)}`, 'content-type': 'application/json' }, body: JSON.stringify({ tab: hello.tab, channels: [channel] }) })
      const snapshot = await events.next((event) => event.type === 'snapshot' && event.channel === channel)
      const image = (snapshot.model.page.blocks as { type: string; id: string; source?: string }[]).find((block) => block.type === 'image')!
      expect(image.source).toBe(`/file/${image.id}`)
      const redirect = await httpRequest(page.port, { path: image.source!, headers })
      expect(redirect.status).toBe(302)
      expect(redirect.headers['location']).toBe('https://images.unsplash.com/photo-1497366216548-37526070297c')
      // A block of another page is not served.
      expect((await httpRequest(page.port, { path: `/file/${emulator.demo!.meetingNotesPageId}`, headers })).status).toBe(404)
    } finally {
      events.close()
      await page.close()
    }
  })

  it('limits how many tabs connect at once', async () => {
    const small = await startDashboard({ client: owner, url: emulator.demo!.tasksBlockId, maxConnections: 1 })
    const headers = { host: hostOf(small), cookie: cookieOf(small) }
    const first = openEvents(small.port, headers)
    try {
      await first.next((event) => event.type === 'hello')
      const second = await httpRequest(small.port, { path: '/events', headers })
      expect(second.status).toBe(503)
    } finally {
      first.close()
      await small.close()
    }
  })
})
