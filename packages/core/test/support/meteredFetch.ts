/** One HTTP call as a test saw it: the endpoint, the bytes both ways, the records answered by table. */
export interface MeteredCall {
  endpoint: string
  requestBytes: number
  responseBytes: number
  /** Record ids in the answer's recordMap, by table (both envelopes; `__version__` left out). */
  records: Record<string, string[]>
}

/** A fetch that counts every call it passes to the real one (the SDK's `fetch` option). */
export class MeteredFetch {
  readonly calls: MeteredCall[] = []

  readonly fetch = async (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const body = await request.clone().arrayBuffer()
    const response = await globalThis.fetch(request)
    const text = await response.clone().text()
    const records: Record<string, string[]> = {}
    try {
      const recordMap = (JSON.parse(text) as { recordMap?: Record<string, unknown> }).recordMap ?? {}
      for (const [table, entries] of Object.entries(recordMap)) {
        if (table === '__version__' || typeof entries !== 'object' || entries === null) continue
        records[table] = Object.keys(entries)
      }
    } catch {
      // Not JSON: counted, without records.
    }
    this.calls.push({
      endpoint: new URL(request.url).pathname.split('/').at(-1) ?? '',
      requestBytes: body.byteLength,
      responseBytes: Buffer.byteLength(text),
      records,
    })
    return response
  }

  reset(): void {
    this.calls.length = 0
  }

  endpoints(): string[] {
    return this.calls.map((call) => call.endpoint)
  }

  /** Ids of `table` records answered by calls to endpoints matching `endpoint`. */
  recordsFrom(endpoint: RegExp, table: string): string[] {
    return this.calls.filter((call) => endpoint.test(call.endpoint)).flatMap((call) => call.records[table] ?? [])
  }

  bytes(): { sent: number; received: number } {
    return this.calls.reduce((sum, call) => ({ sent: sum.sent + call.requestBytes, received: sum.received + call.responseBytes }), { sent: 0, received: 0 })
  }
}
