import { spawn } from 'node:child_process'
import { NotionClient } from '@notion-rx/core'
import { startDashboard } from '@notion-rx/dashboard'

export interface DashboardCommandOptions {
  url: string
  tokenV2: string | undefined
  apiUrl: string | undefined
  port?: number | undefined
  /** Interface to listen on (default loopback); anything else is announced with a warning. */
  host?: string | undefined
  view?: string | undefined
  readOnly?: boolean | undefined
  /** Open the dashboard in the default browser. */
  open?: boolean | undefined
  print?: (line: string) => void
  signal?: AbortSignal
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

/** Opens an address in the system's browser (best effort: a missing opener is only reported). */
function openInBrowser(url: string, print: (line: string) => void): void {
  const [command, ...args] = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url]
  const child = spawn(command!, args, { stdio: 'ignore', detached: true })
  child.on('error', () => print(`[could not open a browser; open ${url} yourself]`))
  child.unref()
}

/** `notion-rx dashboard <url>`: serves a page or database as a live web page until interrupted. */
export async function dashboardCommand(options: DashboardCommandOptions): Promise<void> {
  const print = options.print ?? ((line: string) => console.log(line))
  const client = new NotionClient({
    ...(options.tokenV2 ? { tokenV2: options.tokenV2 } : {}),
    ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}),
    monitor: true,
  })
  try {
    await client.ready
    const dashboard = await startDashboard({
      client,
      url: options.url,
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.host !== undefined ? { host: options.host } : {}),
      ...(options.view !== undefined ? { view: options.view } : {}),
      readOnly: options.readOnly ?? false,
    })
    if (!LOOPBACK.has(dashboard.host)) {
      print(`WARNING: the dashboard listens on ${dashboard.host}: anyone who can reach it and has the address below can read${options.readOnly ? '' : ' and edit'} this page as you. Traffic is not encrypted.`)
    }
    print(`Dashboard${options.readOnly ? ' (read-only)' : ''}: ${dashboard.url}`)
    print('The address carries an access token: share it only with people who may see this page. Ctrl-C to stop.')
    if (options.open) openInBrowser(dashboard.url, print)
    await new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true }))
    await dashboard.close()
  } finally {
    await client.close()
  }
}
