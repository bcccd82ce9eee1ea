import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'

export interface ReceivedRequest {
  at: number
  headers: IncomingMessage['headers']
  body: string
}

export interface Receiver {
  url: string
  requests: ReceivedRequest[]
  close(): Promise<void>
}

const open: Receiver[] = []

afterEach(async () => {
  await Promise.all(open.splice(0).map((receiver) => receiver.close()))
})

/**
 * A real HTTP receiver on loopback. `answer` decides each response from the request (its number,
 * from 0) and may return `'hang'` to never answer.
 */
export async function startReceiver(answer: (request: ReceivedRequest, index: number) => { status: number; headers?: Record<string, string> } | 'hang' = () => ({ status: 200 })): Promise<Receiver> {
  const requests: ReceivedRequest[] = []
  const hanging = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const request = { at: Date.now(), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }
      const index = requests.push(request) - 1
      const decision = answer(request, index)
      if (decision === 'hang') {
        hanging.add(res)
        return
      }
      res.writeHead(decision.status, decision.headers).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  open.push(receiver)
  return receiver
}
