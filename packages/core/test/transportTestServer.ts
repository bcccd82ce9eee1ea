import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'

/** One request the scripted server saw. */
export interface SeenRequest {
  url: string
  headers: IncomingHttpHeaders
  body: string
  at: number
}

export type Step = (request: IncomingMessage, response: ServerResponse) => void

export interface ScriptedServer {
  /** `http://127.0.0.1:<port>/api/v3` */
  apiUrl: string
  requests: SeenRequest[]
}

const open: (() => Promise<void>)[] = []

afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()))
})

/**
 * A real HTTP server on loopback that answers the n-th request with `steps[n]` (the last step
 * repeats): exact, deterministic sequences such as 503, 503, 200. Closed after the test.
 */
export async function scriptedServer(steps: Step[]): Promise<ScriptedServer> {
  const requests: SeenRequest[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      requests.push({ url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() })
      const step = steps[Math.min(requests.length - 1, steps.length - 1)]
      step?.(request, response)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  open.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return { apiUrl: `http://127.0.0.1:${port}/api/v3`, requests }
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Step {
  return (_request, response) => {
    const text = JSON.stringify(body)
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    response.end(text)
  }
}

export function html(status: number, text: string): Step {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
    response.end(`<!DOCTYPE html>\n<html><body><pre>${text}</pre></body></html>\n`)
  }
}

/** Destroys the connection without answering. */
export const drop: Step = (request) => {
  request.socket.destroy()
}

/** Never answers (until the server closes). */
export const stall: Step = () => {}

/** Notion's error body, in its newer form (docs/protocol.md#errors-and-limits). */
export function notionError(name: string, debugMessage: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { isNotionError: true, errorId: '8e55a984-004f-44a3-8338-a7c68617e9e4', name, message: 'Something went wrong.', debugMessage, ...extra }
}

export const ok = (body: unknown = { recordMap: {} }): Step => json(200, body)
