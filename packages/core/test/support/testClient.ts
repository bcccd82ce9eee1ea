import type { Operation } from '@notion-rx/protocol'
import { afterEach } from 'vitest'
import type { Emulator } from '@notion-rx/emulator'
import { NotionClient, type NotionClientOptions } from '../../src/client.js'
import { recordFor } from '../../src/model/recordFor.js'
import type { TransportEvent } from '../../src/transport/transportEvent.js'

export { recordFor }

const WRITE_ENDPOINTS = new Set(['submitTransaction', 'saveTransactions', 'saveTransactionsFanout', 'saveTransactionsMain'])

/** What a test client sent, seen through the transport's `logger` (and the bodies of writes). */
export class RequestLog {
  /** Every transport event, in order. */
  readonly events: TransportEvent[] = []
  /** The operations of every write request that reached the wire, one entry per HTTP attempt. */
  readonly writeBodies: Operation[][] = []
  /** The body of every queryCollection request, in order. */
  readonly queryBodies: Array<{ loader?: { reducers?: Record<string, { type?: string }> } }> = []
  /**
   * Round trips: HTTP requests that started while none was in flight. Requests sent in parallel
   * (a level of a page fetched in several batches) count once: that is the latency a caller waits.
   */
  roundTrips = 0
  #inFlight = 0

  /** Wraps a fetch to count round trips and keep the operations of writes. */
  track(fetchFunction: typeof fetch): typeof fetch {
    return async (input, init) => {
      const request = new Request(input, init)
      const endpoint = new URL(request.url).pathname.split('/').at(-1) ?? ''
      if (WRITE_ENDPOINTS.has(endpoint)) this.writeBodies.push(operationsOf(await request.clone().json()))
      if (endpoint === 'queryCollection') this.queryBodies.push((await request.clone().json()) as RequestLog['queryBodies'][number])
      if (this.#inFlight++ === 0) this.roundTrips++
      try {
        return await fetchFunction(request)
      } finally {
        this.#inFlight--
      }
    }
  }

  /** HTTP requests sent (retries included), to one endpoint or to all. */
  count(endpoint?: string): number {
    return this.events.filter((event) => event.type === 'request' && (endpoint === undefined || event.endpoint === endpoint)).length
  }

  /** HTTP requests to write endpoints (submitTransaction, saveTransactions*). */
  get writes(): number {
    return this.events.filter((event) => event.type === 'request' && WRITE_ENDPOINTS.has(event.endpoint)).length
  }

  /** Endpoints called, in order, one per HTTP request. */
  get calls(): string[] {
    return this.events.filter((event) => event.type === 'request').map((event) => event.endpoint)
  }

  /** queryCollection requests that asked for result rows (a query run, not a count check). */
  get queryRuns(): number {
    return this.queryBodies.filter((body) => Object.values(body.loader?.reducers ?? {}).some((reducer) => reducer.type === 'results')).length
  }

  /** queryCollection requests that asked for no rows: a live query checking its result with the server. */
  get queryChecks(): number {
    return this.queryBodies.length - this.queryRuns
  }

  /** The operations of the last write sent. */
  lastWrite(): Operation[] | undefined {
    return this.writeBodies.at(-1)
  }
}

export interface TestUser {
  id: string
  tokenV2: string
}

export interface LoggedClient {
  client: NotionClient
  log: RequestLog
}

const clients: NotionClient[] = []

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
})

function operationsOf(body: unknown): Operation[] {
  if (typeof body !== 'object' || body === null) return []
  const record = body as { operations?: Operation[]; transactions?: { operations?: Operation[] }[] }
  if (Array.isArray(record.operations)) return record.operations
  return (record.transactions ?? []).flatMap((transaction) => transaction.operations ?? [])
}

/**
 * A real NotionClient over the emulator, closed after the test, with a RequestLog: the
 * transport's logger events, and the operations of each write (read off the request body by a
 * fetch wrapper, since log events carry no bodies).
 */
export function testClient(emulator: Emulator, user: { tokenV2: string }, options: Partial<NotionClientOptions> = {}): LoggedClient {
  const log = new RequestLog()
  const client = new NotionClient({
    tokenV2: user.tokenV2,
    baseUrl: emulator.apiUrl,
    ...options,
    logger: (event) => {
      log.events.push(event)
      options.logger?.(event)
    },
    fetch: log.track(options.fetch ?? fetch),
  })
  clients.push(client)
  return { client, log }
}

/** Reads one record with a fresh client (a new store): what the server holds, nothing optimistic. */
export async function serverRecord(emulator: Emulator, user: { tokenV2: string }, table: string, id: string): Promise<Record<string, unknown> | undefined> {
  const { client } = testClient(emulator, user)
  await client.refreshRecords([{ table, id }])
  return client.store.get(table, id)?.value
}
