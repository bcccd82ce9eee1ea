import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server, type Socket } from 'engine.io'
import { describe, expect, it } from 'vitest'
import { connectEngineIo } from '../src/sync/monitor/engineIoConnection.js'
import type { TrafficStats } from '../src/sync/monitor/messageStoreConnection.js'
import { waitFor } from './monitorSupport.js'

/** A bare Engine.IO 4 server (the real engine.io package), recording what each client connected with. */
async function engineIoServer() {
  const http = createServer()
  const server = new Server({ transports: ['polling', 'websocket'] })
  server.attach(http, { path: '/primus-v8/' })
  const connections: { transport: string; cookie: string | undefined; messages: unknown[] }[] = []
  server.on('connection', (socket: Socket) => {
    const seen = { transport: socket.transport.name, cookie: socket.request.headers.cookie, messages: [] as unknown[] }
    connections.push(seen)
    socket.on('message', (data) => seen.messages.push(data))
    socket.send('"hello"')
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/primus-v8/`,
    connections,
    close: () => new Promise<void>((resolve) => {
      server.close()
      http.close(() => resolve())
    }),
  }
}

const stats = (): TrafficStats => ({ framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0 })

describe('connectEngineIo', () => {
  it.each(['websocket', 'polling'] as const)('connects over %s with the token cookie, and carries Primus frames both ways', async (transport) => {
    const server = await engineIoServer()
    const frames: unknown[] = []
    let open = false
    const connection = connectEngineIo({
      url: server.url,
      transport,
      headers: { cookie: 'token_v2=secret-token' },
      stats: stats(),
      handlers: { open: () => (open = true), frame: (frame) => frames.push(frame), close: () => {} },
    })
    try {
      await waitFor(() => open && frames.length > 0, 'open and first frame')
      expect(frames).toEqual([{ kind: 'data', value: 'hello' }])
      expect(server.connections).toHaveLength(1)
      expect(server.connections[0]).toMatchObject({ transport, cookie: 'token_v2=secret-token' })
      connection.send({ type: 'ping' })
      await waitFor(() => server.connections[0]!.messages.length > 0, 'frame at the server')
      expect(server.connections[0]!.messages).toEqual(['{"type":"ping"}'])
    } finally {
      connection.close()
      await server.close()
    }
  })
})
