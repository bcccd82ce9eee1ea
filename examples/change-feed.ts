// A change feed: every change the client sees, one JSON line each (NDJSON), to pipe into
// another program (`| jq`, a queue, a webhook). Uses `client.changes()`, an async iterator.
//   npx tsx examples/change-feed.ts                         (the embedded emulator; a teammate edits)
//   NOTION_TOKEN_V2=... npx tsx examples/change-feed.ts <page-url>   (60 s on your own page)
import type { NotionClient } from '@notion-rx/core'
import { connect } from './connect.js'

const { client, target, teammate, close } = await connect({ target: 'page', monitor: true })
const page = await client.getPage(target)
// Observing the page's blocks subscribes the monitor to them: their changes come in live.
const observing = page.children.blocks$.subscribe()

const stop = new AbortController()
setTimeout(() => stop.abort(), 60_000).unref()
const feed = client.changes(undefined, { signal: stop.signal })
if (teammate) void edit(teammate)

let lines = 0
for await (const change of feed) {
  if (change.origin !== 'remote') continue
  const { table, id, origin } = change
  const fields = change.changes.map((field) => ({ kind: field.kind, path: field.path.join('.') }))
  process.stdout.write(`${JSON.stringify({ table, id, origin, fields })}\n`)
  lines++
}
observing.unsubscribe()
console.error(`${lines} changes`)
await close()

/** In the emulator: three edits by someone else; the feed ends once this client has seen the last. */
async function edit(teammate: NotionClient): Promise<void> {
  const theirs = await teammate.getPage(target)
  const note = theirs.children.addNew('text', { title: 'Hello from the feed' })
  await teammate.flush()
  await until(() => page.children.ids.includes(note.id))
  note.title = 'Hello from the feed, edited'
  await teammate.flush()
  await note.remove()
  await until(() => !page.children.ids.includes(note.id))
  stop.abort()
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20))
}
