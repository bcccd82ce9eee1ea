// Shared by the examples: a client for Notion itself when NOTION_TOKEN_V2 is set, otherwise for
// an emulator started in this process with the demo workspace (and a teammate who edits it, so
// there is something to watch).
import { NotionClient } from '@notion-rx/core'
import { startEmulator } from '@notion-rx/emulator'

export interface Connection {
  client: NotionClient
  /** The page or database to work on: the URL given on the command line, or the demo's. */
  target: string
  /** In the emulator: Grace, a second member of the workspace, with her own client. */
  teammate: NotionClient | undefined
  /** Closes the clients (and the emulator). */
  close(): Promise<void>
}

/**
 * Connects as the example needs: `target` says whether it works on a page or a database, and
 * `monitor` turns live updates on.
 */
export async function connect(options: { target: 'page' | 'database'; monitor?: boolean }): Promise<Connection> {
  const monitor = options.monitor ?? false
  const tokenV2 = process.env['NOTION_TOKEN_V2']
  if (tokenV2) {
    const target = process.argv[2]
    if (!target) {
      console.error(`usage: NOTION_TOKEN_V2=... npx tsx ${process.argv[1] ?? 'example.ts'} <${options.target} url>`)
      process.exit(2)
    }
    const client = new NotionClient({ tokenV2, monitor })
    return { client, target, teammate: undefined, close: () => client.close() }
  }
  const emu = await startEmulator({ port: 0, db: ':memory:', seed: 'demo' })
  const demo = emu.demo!
  const client = new NotionClient({ tokenV2: demo.ownerToken, baseUrl: emu.apiUrl, monitor })
  const teammate = new NotionClient({ tokenV2: demo.memberToken, baseUrl: emu.apiUrl })
  return {
    client,
    target: options.target === 'page' ? demo.homePageId : demo.tasksBlockId,
    teammate,
    async close() {
      await client.close()
      await teammate.close()
      await emu.close()
    },
  }
}
