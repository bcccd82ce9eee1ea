// A live query: the tasks in progress, re-emitted as rows change, here or anywhere.
//   npx tsx examples/live-query.ts                                (the embedded emulator)
//   NOTION_TOKEN_V2=... npx tsx examples/live-query.ts <database-url>   (60 s on your database)
import { where, type QueryResult } from '@notion-rx/core'
import { connect } from './connect.js'

const { client, target, teammate, close } = await connect({ target: 'database', monitor: true })
const view = await client.getCollectionView(target)
// The demo's Tasks have a Status; on your own database, change the filter to one of its properties.
const inProgress = view.query({ filter: where('status', 'enum_is', 'In progress'), sort: 'name' })

const results: QueryResult[] = []
const done = new Promise<void>((resolve) => {
  const timer = setTimeout(resolve, 60_000)
  const live = inProgress.results$.subscribe((result) => {
    results.push(result)
    console.log(`${result.total} in progress: ${result.rows.map((row) => row.title).join(', ')}`)
    // In the emulator: stop once the teammate's change has shown.
    if (teammate && results.length >= 2) {
      clearTimeout(timer)
      live.unsubscribe()
      resolve()
    }
  })
})

if (teammate) {
  // Wait for the first result, then a teammate finishes the first task in progress.
  while (results.length === 0) await new Promise((resolve) => setTimeout(resolve, 20))
  const first = results[0]!.rows[0]
  if (first) {
    const theirs = await teammate.getCollectionView(target)
    const row = (await theirs.collection!.getRows()).find((candidate) => candidate.id === first.id)
    row?.setProp('status', 'Done')
    await teammate.flush()
  }
}
await done
console.log(`done: ${results.length} results`)
await close()
