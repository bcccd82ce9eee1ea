// Prelude "demo": what the guides' examples assume. An emulator with the demo workspace, and a
// client logged in as its owner. Blocks marked `prelude=demo` may use every name exported here.
import { NotionClient, type Block, type CollectionRowBlock, type PageBlock } from '@notion-rx/core'
import { startEmulator } from '@notion-rx/emulator'

export const emu = await startEmulator({ port: 0, db: ':memory:', seed: 'demo' })
const demo = emu.demo!

/** The demo owner's token_v2, and the API the emulator serves. */
export const tokenV2 = demo.ownerToken
export const baseUrl = emu.apiUrl
export const client = new NotionClient({ tokenV2, baseUrl })
/** Another member of the workspace (Grace), with a client of her own. */
export const teammate = new NotionClient({ tokenV2: demo.memberToken, baseUrl })

/** The "Acme Handbook" page: its id, and the page. */
export const pageId = demo.homePageId
export const page: PageBlock = await client.getPage(pageId)
/** "Meeting notes", a sub-page of the handbook. */
export const otherBlock: Block = await client.getPage(demo.meetingNotesPageId)
/** The "Tasks" database: the block's id (a URL works too), a view of it, its collection and a row. */
export const databaseUrl = demo.tasksBlockId
export const cv = await client.getCollectionView(databaseUrl)
export const collection = cv.collection!
export const projects = collection
export const row: CollectionRowBlock = (await collection.getRows())[0]!
/** A calendar view and a timeline-capable view of the same database. */
export const calendarView = await client.getCollectionView(demo.tasksViewIds.calendar)
export const timelineView = calendarView

/** Where examples show a value: print it. */
export function render(value: unknown): void {
  console.log(value)
}
export const show = render

/** Closes the client and the emulator (the harness calls it after a block that runs). */
export async function cleanup(): Promise<void> {
  await client.close()
  await teammate.close()
  await emu.close()
}
