// Run as a child process by cacheCrash.test.ts: a cached client writing bursts of setters until it
// is killed. It prints `burst <n>` after each committed burst, so the parent knows when to kill it.
import { NotionClient } from '../src/client.js'
import { recordFor } from '../src/model/recordFor.js'
import type { TextBlock } from '../src/records/textBlocks.js'

function env(name: string): string {
  const value = process.env[name]
  if (value === undefined) throw new Error(`${name} is not set`)
  return value
}
const [API_URL, TOKEN, PAGE_ID, CACHE] = ['API_URL', 'TOKEN', 'PAGE_ID', 'CACHE'].map(env) as [string, string, string, string]
const client = new NotionClient({ tokenV2: TOKEN, baseUrl: API_URL, cache: CACHE })
const page = await client.getBlock(PAGE_ID)
await client.whenSynced()
const texts = [...page.children].filter((block) => block.type === 'text') as TextBlock[]
for (let burst = 0; ; burst++) {
  for (const [index, block] of texts.entries()) block.title = `Burst ${burst} block ${index}`
  // Not awaited on purpose at every other burst: the kill may land between a commit and its cache write.
  if (burst % 2 === 0) await client.flush()
  else await new Promise((resolve) => setImmediate(resolve))
  console.log(`burst ${burst}`)
  void recordFor
}
