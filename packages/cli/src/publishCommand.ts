import { NotionClient } from '@notion-rx/core'
import { parseId } from '@notion-rx/protocol'
import { pageUrlFor } from './cli/pageUrlFor.js'

export interface PublishCommandOptions {
  pageUrl: string
  /** Turn the public link off instead. */
  unpublish?: boolean
  allowDuplicate?: boolean
  searchEngines?: boolean
  tokenV2: string
  apiUrl: string | undefined
  /** Where the outcome goes. @default console.log */
  print?: (line: string) => void
}

/**
 * `notion-rx publish <url> [--unpublish]`: publishes a page to the web (anyone with the link may
 * read it), or takes it off the web. Needs full access to the page.
 */
export async function publishCommand(options: PublishCommandOptions): Promise<void> {
  const print = options.print ?? ((line: string) => console.log(line))
  const { id } = parseId(options.pageUrl)
  const client = new NotionClient({ tokenV2: options.tokenV2, ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}) })
  try {
    const page = await client.getPage(id)
    const url = pageUrlFor(options.apiUrl, page.id)
    if (options.unpublish) {
      await page.unpublish()
      print(`unpublished ${url}: only people it is shared with can open it`)
      return
    }
    await page.publish({ allowDuplicate: options.allowDuplicate ?? false, searchEngines: options.searchEngines ?? false })
    const extras = [options.allowDuplicate ? 'duplicating allowed' : '', options.searchEngines ? 'indexed by search engines' : ''].filter(Boolean)
    print(`published ${url}: anyone with the link can read it${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`)
  } finally {
    await client.close()
  }
}
