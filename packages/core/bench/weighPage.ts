/**
 * The heap one client holds after loading a page, weighed in a fresh process so that nothing
 * another weighing left behind is counted or freed meanwhile. Usage (with `--expose-gc`):
 * `node --expose-gc --import tsx weighPage.ts <notion-rx|notion-client> <apiUrl> <tokenV2> <pageId> <warmUpPageId>`
 * writes one JSON line: `{ bytes, records, json }` (heap held, block records held, and for
 * notion-client the record map's size as JSON).
 */
import { NotionAPI } from 'notion-client'
import { NotionClient } from '../src/client.js'

const [which, apiUrl, tokenV2, pageId, warmUpPageId] = process.argv.slice(2)
if ((which !== 'notion-rx' && which !== 'notion-client') || !apiUrl || !tokenV2 || !pageId || !warmUpPageId) {
  throw new Error('weighPage: expected <notion-rx|notion-client> <apiUrl> <tokenV2> <pageId> <warmUpPageId>')
}
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('weighPage: the heap is weighed after full collections: run it with node --expose-gc')

function heapUsed(): number {
  gc!()
  gc!()
  return process.memoryUsage().heapUsed
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100))

/** Loads `id` with a fresh client of the kind asked for; returns what holds the page, and its blocks. */
async function load(id: string): Promise<{ held: unknown; records: number; json: number }> {
  if (which === 'notion-rx') {
    const client = new NotionClient({ tokenV2: tokenV2!, baseUrl: apiUrl!, monitor: false })
    await client.getBlock(id)
    const records = client.store.keys().filter((key) => key.startsWith('block:')).length
    return { held: client, records, json: 0 }
  }
  const recordMap = await new NotionAPI({ apiBaseUrl: apiUrl!, authToken: tokenV2! }).getPage(id, { fetchCollections: false, signFileUrls: false })
  return { held: recordMap, records: Object.keys(recordMap.block).length, json: Buffer.byteLength(JSON.stringify(recordMap)) }
}

// Code and caches that load once are loaded before anything is weighed.
const warmUp = await load(warmUpPageId)
if (warmUp.held instanceof NotionClient) await warmUp.held.close()
warmUp.held = undefined
await settle()

const before = heapUsed()
const loaded = await load(pageId)
await settle()
const bytes = heapUsed() - before
process.stdout.write(`${JSON.stringify({ bytes, records: loaded.records, json: loaded.json })}\n`)
if (loaded.held instanceof NotionClient) await loaded.held.close()
