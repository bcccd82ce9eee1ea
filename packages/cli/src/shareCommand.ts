import { NotionClient, type ShareRole } from '@notion-rx/core'
import { parseId } from '@notion-rx/protocol'
import { pageUrlFor } from './cli/pageUrlFor.js'

export interface ShareCommandOptions {
  pageUrl: string
  /** An email address or a user id. */
  who: string
  /** `none` takes the person's access away again. */
  role: ShareRole
  /** Make an account for an email without one, as Notion's share menu does. @default true */
  invite?: boolean
  tokenV2: string
  apiUrl: string | undefined
  /** Where the outcome goes. @default console.log */
  print?: (line: string) => void
}

/**
 * `notion-rx share <url> <email> --role reader`: gives a person a role on a page (`none`
 * removes their own permission). Needs full access to the page; a refusal is a SharingError.
 */
export async function shareCommand(options: ShareCommandOptions): Promise<void> {
  const print = options.print ?? ((line: string) => console.log(line))
  const { id } = parseId(options.pageUrl)
  const client = new NotionClient({ tokenV2: options.tokenV2, ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}) })
  try {
    const page = await client.getPage(id)
    if (options.role === 'none') {
      await page.unshare(options.who)
      print(`removed ${options.who}'s access to ${pageUrlFor(options.apiUrl, page.id)}`)
      return
    }
    const user = await page.share(options.who, options.role, { invite: options.invite ?? true })
    print(`shared ${pageUrlFor(options.apiUrl, page.id)} with ${options.who} (user ${user.id}) as ${options.role}`)
  } finally {
    await client.close()
  }
}
