import { request } from 'node:http'

export interface HttpReply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A plain HTTP request with any headers (fetch would not let a test forge Host). */
export function httpRequest(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers ?? {} }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Reads a server-sent event stream, one parsed `data:` object per event. */
export function openEvents(port: number, headers: Record<string, string>): { events: unknown[]; raw: () => string; next(predicate: (event: any) => boolean, timeoutMs?: number): Promise<any>; close(): void } {
  const events: unknown[] = []
  let text = ''
  let buffer = ''
  const waiters: { predicate: (event: any) => boolean; resolve: (event: any) => void; seen: number }[] = []
  const req = request({ host: '127.0.0.1', port, path: '/events', headers }, (response) => {
    response.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8')
      buffer += chunk.toString('utf8')
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const data = block.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n')
        if (!data) continue
        const event = JSON.parse(data) as unknown
        events.push(event)
        for (const waiter of [...waiters]) {
          if (waiter.predicate(event)) {
            waiters.splice(waiters.indexOf(waiter), 1)
            waiter.resolve(event)
          }
        }
      }
    })
  })
  req.on('error', () => {})
  req.end()
  return {
    events,
    raw: () => text,
    next(predicate, timeoutMs = 15_000) {
      const found = events.find(predicate)
      if (found) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No matching event in ${timeoutMs} ms; got ${JSON.stringify(events).slice(0, 2000)}`)), timeoutMs)
        waiters.push({ predicate, resolve: (event) => { clearTimeout(timer); resolve(event) }, seen: events.length })
      })
    },
    close: () => req.destroy(),
  }
}
