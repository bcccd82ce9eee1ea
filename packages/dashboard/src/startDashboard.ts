import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import { CollectionViewBlock, CollectionViewPageBlock, UploadableBlock, recordFor, type NotionClient } from '@notion-rx/core'
import type { Subscription } from 'rxjs'
import { AccessGuard, newAccessToken } from './accessGuard.js'
import { loadAppAssets } from './appAssets.js'
import { ChannelHub, MAX_ROWS_PER_REQUEST, serverEvent } from './channelHub.js'
import { DashboardActionError, applyAction, parseAction, type ActionScope } from './dashboardActions.js'
import { DashboardError } from './dashboardError.js'
import { livePage, liveView } from './liveSources.js'
import { groupPropertyOf } from './viewLayout.js'
import type { ActionReply, BlockModel, ConnectionStatus } from './viewModel.js'

export interface DashboardOptions {
  /** The client the dashboard reads and writes through (its token never leaves this process). */
  client: NotionClient
  /** A Notion page or database URL, or its id. */
  url: string
  /** @default 0 (any free port) */
  port?: number
  /** Interface to listen on. Anything but loopback exposes the dashboard to the network. @default '127.0.0.1' */
  host?: string
  /** Refuse every edit. @default false */
  readOnly?: boolean
  /** The view (name or id) a database opens on. @default the `?v=` of the URL, else the first view */
  view?: string
  /** The access token (random by default). Give the same one to a restarted server so open tabs reconnect. */
  token?: string
  /** Most tabs connected at once. @default 32 */
  maxConnections?: number
  /** Largest request body, in bytes. @default 16384 */
  maxBodyBytes?: number
}

export interface Dashboard {
  /** The address to open, with the access token. */
  url: string
  port: number
  host: string
  token: string
  /** Tabs connected now. */
  readonly connections: number
  close(): Promise<void>
}

interface Root {
  kind: 'page' | 'database'
  id: string
  channel: string
  title: string
}

interface Tab {
  id: string
  response: ServerResponse
  leaves: Map<string, () => void>
}

const MAX_CHANNELS_PER_TAB = 16
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

function htmlPage(root: Root, readOnly: boolean): string {
  const data = JSON.stringify({ root, readOnly }).replaceAll('<', '\\u003c')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${root.title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`)} · notion-rx dashboard</title>
<link rel="stylesheet" href="/assets/app.css"></head>
<body><div id="app"></div><script type="application/json" id="dashboard-root">${data}</script>
<script type="module" src="/assets/app.js"></script></body></html>`
}

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src * data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
}

function send(response: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, ...headers })
  response.end(body)
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0)
    if (declared > limit) return reject(new DashboardActionError(`Request body over ${limit} bytes`, 413))
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new DashboardActionError(`Request body over ${limit} bytes`, 413))
        request.destroy()
      } else chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function collectBlockIds(blocks: readonly BlockModel[], into: Set<string>, views: Set<string>): void {
  for (const block of blocks) {
    into.add(block.id)
    if (block.viewId) views.add(block.id)
    collectBlockIds(block.children, into, views)
  }
}

async function resolveRoot(client: NotionClient, url: string, view: string | undefined): Promise<Root> {
  const block = await client.getBlock(url)
  if (block instanceof CollectionViewBlock || block instanceof CollectionViewPageBlock) {
    const first = await client.getCollectionView(url)
    const collection = first.collection
    let chosen = first
    if (view !== undefined) {
      const wanted = view.trim().toLowerCase()
      const found = collection?.views.find((each) => each.id === view || each.name.toLowerCase() === wanted)
      if (!found) {
        const names = collection?.views.map((each) => JSON.stringify(each.name)).join(', ') ?? 'none'
        throw new DashboardError('unknown_view', `No view ${JSON.stringify(view)} in this database; its views are ${names}`)
      }
      chosen = found
    }
    return { kind: 'database', id: block.id, channel: `view:${chosen.id}`, title: collection?.name || 'Untitled' }
  }
  await client.loadPage(block.id)
  if (view !== undefined) throw new DashboardError('invalid_option', '--view picks a view of a database; this URL is a page')
  return { kind: 'page', id: block.id, channel: `page:${block.id}`, title: block.get(['properties', 'title', 0, 0], 'Untitled') as string }
}

/**
 * Serves a Notion page or database as a live web page. The Node side holds the client, the live
 * queries and the monitor; tabs get view models and patches over server-sent events, so any
 * number of tabs share one set of subscriptions, and the token_v2 stays here.
 * @throws DashboardError for an unknown view or unbuilt assets; the SDK's errors for an unreadable URL
 * @example const dashboard = await startDashboard({ client, url: pageUrl }); console.log(dashboard.url)
 */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const { client } = options
  const host = options.host ?? '127.0.0.1'
  const readOnly = options.readOnly ?? false
  const maxTabs = options.maxConnections ?? 32
  const maxBody = options.maxBodyBytes ?? 16_384
  const assets = loadAppAssets()
  const root = await resolveRoot(client, options.url, options.view)
  const token = options.token ?? newAccessToken()
  const hub = new ChannelHub()
  const tabs = new Map<string, Tab>()
  let status: ConnectionStatus = 'connecting'
  const fileUrl = (blockId: string) => `/file/${blockId}`

  const broadcast = (event: string): void => {
    for (const tab of tabs.values()) tab.response.write(event)
  }
  const statusSubscription: Subscription = client.connection$.subscribe((state) => {
    status = state
    broadcast(serverEvent({ type: 'status', status }))
  })

  /** Blocks of the page shown, and the inline database blocks among them. */
  const pageScope = (): { blocks: Set<string>; databases: Set<string> } => {
    const blocks = new Set<string>()
    const databases = new Set<string>([root.id])
    for (const model of hub.models()) if (model.kind === 'page') collectBlockIds(model.page.blocks, blocks, databases)
    return { blocks, databases }
  }
  /** A view of the database shown, or of an inline database on the page shown. */
  const viewAllowed = (viewId: string): boolean => {
    const value = client.store.get('collection_view', viewId)?.value
    const parent = value?.['parent_id']
    return value?.['alive'] !== false && typeof parent === 'string' && pageScope().databases.has(parent)
  }
  const scope: ActionScope = {
    hasBlock: (id) => pageScope().blocks.has(id),
    hasRow: (id) => hub.models().some((model) => model.kind === 'view' && model.order.includes(id)),
    hasView: viewAllowed,
    groupProperty: (viewId) => {
      const view = recordFor(client, 'collection_view', viewId)
      return view.type === 'board' ? groupPropertyOf(view) : undefined
    },
  }
  const sourceFor = (key: string) => {
    const [kind, id, month] = key.split(':')
    return kind === 'page' ? livePage(client, id!, fileUrl) : liveView(client, id!, month)
  }
  /** A channel key a tab may ask for, or undefined. */
  const channelAllowed = (key: string): boolean => {
    if (key === root.channel) return true
    const [kind, id, month, ...rest] = key.split(':')
    if (rest.length > 0 || !id) return false
    if (kind === 'page') return id === root.id && month === undefined
    return kind === 'view' && (month === undefined || MONTH.test(month)) && viewAllowed(id)
  }

  const handleEvents = (request: IncomingMessage, response: ServerResponse): void => {
    if (tabs.size >= maxTabs) return send(response, 503, `Too many tabs (at most ${maxTabs}); close one`)
    const tab: Tab = { id: randomUUID(), response, leaves: new Map() }
    tabs.set(tab.id, tab)
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive' })
    response.write(`retry: 1000\n\n`)
    response.write(serverEvent({ type: 'hello', tab: tab.id, readOnly, root: { kind: root.kind, channel: root.channel, title: root.title } }))
    response.write(serverEvent({ type: 'status', status }))
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000)
    request.on('close', () => {
      clearInterval(keepAlive)
      for (const leave of tab.leaves.values()) leave()
      tabs.delete(tab.id)
    })
  }

  const handleSubscribe = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = JSON.parse(await readBody(request, maxBody)) as { tab?: unknown; channels?: unknown }
    const tab = typeof body.tab === 'string' ? tabs.get(body.tab) : undefined
    if (!tab) return send(response, 404, 'Unknown tab; reconnect')
    const channels = Array.isArray(body.channels) ? body.channels.filter((key): key is string => typeof key === 'string') : []
    if (channels.length > MAX_CHANNELS_PER_TAB) return send(response, 400, `At most ${MAX_CHANNELS_PER_TAB} channels per tab`)
    const refused = channels.filter((key) => !channelAllowed(key))
    if (refused.length > 0) return send(response, 403, `Not shown on this dashboard: ${refused.join(', ')}`)
    for (const [key, leave] of tab.leaves) {
      if (!channels.includes(key)) {
        leave()
        tab.leaves.delete(key)
      }
    }
    for (const key of channels) {
      if (!tab.leaves.has(key)) tab.leaves.set(key, hub.join(key, () => sourceFor(key), (event) => tab.response.write(event)))
    }
    send(response, 204, '')
  }

  /** Rows a tab scrolled to: laid out and sent on its own stream, in order with the channel's patches. */
  const handleRows = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = JSON.parse(await readBody(request, maxBody)) as { tab?: unknown; channel?: unknown; ids?: unknown }
    const tab = typeof body.tab === 'string' ? tabs.get(body.tab) : undefined
    if (!tab) return send(response, 404, 'Unknown tab; reconnect')
    if (typeof body.channel !== 'string' || !tab.leaves.has(body.channel)) return send(response, 403, 'Subscribe to the channel first')
    if (!Array.isArray(body.ids) || body.ids.length > MAX_ROWS_PER_REQUEST || !body.ids.every((id) => typeof id === 'string')) {
      return send(response, 400, `Send ids: a list of at most ${MAX_ROWS_PER_REQUEST} row ids`)
    }
    const rows = hub.rows(body.channel, body.ids as string[])
    tab.response.write(serverEvent({ type: 'rows', channel: body.channel, rows }))
    send(response, 204, '')
  }

  const handleAction = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const reply = (status: number, body: ActionReply) => send(response, status, JSON.stringify(body), 'application/json')
    let text: string
    try {
      text = await readBody(request, maxBody)
    } catch (error) {
      return reply(413, { ok: false, error: (error as Error).message })
    }
    if (readOnly) return reply(403, { ok: false, error: 'This dashboard is read-only' })
    try {
      const action = parseAction(JSON.parse(text) as unknown)
      await applyAction(client, scope, action)
      reply(200, { ok: true })
    } catch (error) {
      const status = error instanceof DashboardActionError ? error.status : error instanceof SyntaxError ? 400 : 409
      reply(status, { ok: false, error: error instanceof Error ? error.message : String(error) })
    }
  }

  const handleFile = async (blockId: string, response: ServerResponse): Promise<void> => {
    if (!pageScope().blocks.has(blockId)) return send(response, 404, 'No such file on this page')
    const block = recordFor(client, 'block', blockId)
    const signed = block instanceof UploadableBlock ? await block.signedSourceUrl().catch(() => undefined) : undefined
    if (!signed || !/^https?:\/\//i.test(signed)) return send(response, 404, 'This file has no readable address')
    send(response, 302, '', 'text/plain', { location: signed })
  }

  const guard = new AccessGuard({ token, port: 0, host })
  let activeGuard = guard
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://dashboard.invalid')
    const refusal = activeGuard.check(request, url)
    if (refusal) return send(response, 403, refusal === 'token' ? 'Open the dashboard with the address it printed (it carries the access token)' : `Forbidden (${refusal})`)
    const method = request.method ?? 'GET'
    const path = url.pathname
    const fail = (error: unknown) => {
      const status = error instanceof DashboardActionError ? error.status : error instanceof SyntaxError ? 400 : 500
      if (!response.headersSent) send(response, status, error instanceof Error ? error.message : 'error')
    }
    if (method === 'GET' && url.searchParams.has('token') && path === '/') {
      // Swap the token in the address for a cookie, so it leaves the address bar and the history.
      url.searchParams.delete('token')
      return send(response, 303, '', 'text/plain', { location: `/${url.search}`, 'set-cookie': activeGuard.setCookie() })
    }
    if (method === 'GET' && path === '/') return send(response, 200, htmlPage(root, readOnly), 'text/html; charset=utf-8')
    if (method === 'GET' && path === '/assets/app.js') return send(response, 200, assets.script, 'text/javascript; charset=utf-8')
    if (method === 'GET' && path === '/assets/app.css') return send(response, 200, assets.style, 'text/css; charset=utf-8')
    if (method === 'GET' && path === '/events') return handleEvents(request, response)
    if (method === 'GET' && path.startsWith('/file/')) return void handleFile(path.slice('/file/'.length), response).catch(fail)
    const post = { '/api/subscribe': handleSubscribe, '/api/rows': handleRows, '/api/action': handleAction }[path]
    if (method === 'POST' && post) {
      if (activeGuard.checkWrite(request)) return send(response, 403, 'Forbidden (origin)')
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return send(response, 415, 'Send application/json')
      return void post(request, response).catch(fail)
    }
    send(response, 404, 'Not found')
  })
  server.maxConnections = maxTabs + 16
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  activeGuard = new AccessGuard({ token, port, host })
  const shownHost = LOOPBACK.has(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    host,
    token,
    get connections() {
      return tabs.size
    },
    async close() {
      statusSubscription.unsubscribe()
      for (const tab of tabs.values()) tab.response.end()
      tabs.clear()
      hub.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
