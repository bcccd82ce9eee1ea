// Watch a page: its title and its blocks, live, as anyone edits them.
//   npx tsx examples/watch-page.ts                       (the embedded emulator; a teammate edits)
//   NOTION_TOKEN_V2=... npx tsx examples/watch-page.ts <page-url>   (60 s on your own page)
import { connect } from './connect.js'

const { client, target, teammate, close } = await connect({ target: 'page', monitor: true })
const page = await client.getPage(target)
const seen = { title: 0, blocks: 0 }
const watching = [
  page.title$.subscribe((title) => {
    seen.title++
    console.log(`title: ${title}`)
  }),
  page.children.blocks$.subscribe((blocks) => {
    seen.blocks++
    console.log(`blocks: ${blocks.length}`)
  }),
]

// Wait until the page changed (a teammate in the emulator), or 60 s on a real workspace.
const signal = AbortSignal.timeout(60_000)
const changes = client.changes(page, { signal })
if (teammate) {
  const theirs = await teammate.getPage(target)
  theirs.children.addNew('to_do', { title: 'Added by a teammate', checked: false })
  theirs.title = 'Acme Handbook (edited)'
  await teammate.flush()
}
let remote = 0
for await (const change of changes) {
  if (change.origin !== 'remote') continue
  remote++
  console.log(`remote change: ${change.changes.map((field) => field.path.join('.')).join(', ')}`)
  if (teammate && page.title.endsWith('(edited)')) break
}
for (const subscription of watching) subscription.unsubscribe()
console.log(`done: ${remote} remote changes, ${seen.title} titles, ${seen.blocks} block lists`)
await close()
