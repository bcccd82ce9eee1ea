import type { MessageStoreTransport } from './monitorOptions.js'

// Notion serves the API and the message store from different hosts (docs/protocol.md#message-store-transport:
// msgstore.www.notion.so, msgstore-00x.app.notion.com); the web app reads the exact URL from its
// config. Any other host (the emulator, a proxy) serves both.
const NOTION_HOST = /(^|\.)notion\.(so|com)$/

/**
 * The message-store URL for an API base URL: `https://msgstore.<api host>/primus-v8/` for Notion's
 * hosts (`www.notion.so` for the bare `notion.so`), the API's origin otherwise; `/primus/` for Engine.IO 3.
 */
export function defaultMessageStoreUrl(apiBaseUrl: string, transport: MessageStoreTransport = 'websocket'): string {
  const url = new URL(apiBaseUrl)
  const path = transport === 'eio3' ? '/primus/' : '/primus-v8/'
  const host = url.hostname
  if (!NOTION_HOST.test(host) || host.startsWith('msgstore')) return `${url.origin}${path}`
  const apiHost = host === 'notion.so' ? 'www.notion.so' : host
  return `${url.protocol}//msgstore.${apiHost}${url.port ? `:${url.port}` : ''}${path}`
}
