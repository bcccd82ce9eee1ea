/**
 * An emulator holding big nested pages, in a process of its own, for benchmarks that weigh the
 * client's heap (the server's records and caches stay out of it). Usage:
 * `node --import tsx pageServer.ts 10000 100000` writes one JSON line
 * (`{ apiUrl, tokenV2, pages: { "10000": pageId, ... } }`) once the pages are seeded, and serves
 * until its standard input closes.
 */
import { startEmulator } from '@notion-rx/emulator'
import { buildBigPage } from '../test/support/bigPage.js'

/** `buildBigPage` lays out 8 blocks per top-level block (a toggle of 36 every 5th). */
const BLOCKS_PER_TOP_LEVEL = 8

const sizes = process.argv.slice(2).map(Number)
if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size < 200)) {
  throw new Error(`pageServer: give page sizes in blocks (whole numbers of at least 200), got ${JSON.stringify(process.argv.slice(2))}`)
}
const emu = await startEmulator({ port: 0, db: ':memory:' })
const user = emu.createUser({ email: 'bench@example.com' })
const pages: Record<string, string> = {}
for (const size of sizes) pages[String(size)] = buildBigPage(emu, user, { topLevel: Math.round(size / BLOCKS_PER_TOP_LEVEL) }).pageId
process.stdout.write(`${JSON.stringify({ apiUrl: emu.apiUrl, tokenV2: user.tokenV2, pages })}\n`)
process.stdin.resume()
process.stdin.on('end', () => void emu.close().then(() => process.exit(0)))
