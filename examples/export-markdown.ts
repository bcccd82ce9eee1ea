// Export a page (and everything below it, databases included) as markdown, to stdout.
//   npx tsx examples/export-markdown.ts                         (the demo page of the embedded emulator)
//   NOTION_TOKEN_V2=... npx tsx examples/export-markdown.ts <page-url> > page.md
import { exportMarkdown } from '@notion-rx/core'
import { connect } from './connect.js'

const { client, target, close } = await connect({ target: 'page' })
const page = await client.getPage(target, { signal: AbortSignal.timeout(60_000) })
process.stdout.write(await exportMarkdown(page, { signal: AbortSignal.timeout(60_000) }))
await close()
