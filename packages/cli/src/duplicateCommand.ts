import { NotionClient, PartialDuplicateError, type DuplicateOptions } from '@notion-rx/core'
import { parseId } from '@notion-rx/protocol'
import { pageUrlFor } from './cli/pageUrlFor.js'

export interface DuplicateCommandOptions {
  pageUrl: string
  /** Where the copy goes; next to the page when absent. */
  parentUrl?: string | undefined
  title?: string | undefined
  tokenV2: string | undefined
  apiUrl: string | undefined
  /** Where the copy's id and address go. @default console.log */
  print?: (line: string) => void
  /** Progress while copying, e.g. a terminal status line (`ProgressLine.update`). */
  onProgress?: (text: string) => void
  /** The path to take (tests); `auto` otherwise. */
  mode?: DuplicateOptions['mode']
}

/**
 * `notion-rx duplicate <url> [--parent <url>] [--title t]`: copies a page and everything below it
 * (see `page.duplicate`), prints the copy's id and address. If a client-side copy stops midway,
 * the error names the copy and how much of it exists.
 * @returns the copy's id
 */
export async function duplicateCommand(options: DuplicateCommandOptions): Promise<string> {
  const print = options.print ?? ((line: string) => console.log(line))
  const progress = options.onProgress ?? (() => {})
  const client = new NotionClient({
    ...(options.tokenV2 ? { tokenV2: options.tokenV2 } : {}),
    ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}),
  })
  try {
    progress('loading…')
    const page = await client.getPage(parseId(options.pageUrl).id)
    const parent = options.parentUrl === undefined ? undefined : await client.getBlock(parseId(options.parentUrl).id)
    const copy = await page
      .duplicate({
        ...(parent === undefined ? {} : { parent }),
        ...(options.title === undefined ? {} : { title: options.title }),
        ...(options.mode === undefined ? {} : { mode: options.mode }),
        onProgress: (step) => progress(`copying (${step.path}): ${step.copied} of ${step.total || '?'} records`),
      })
      .catch((error: unknown) => {
        if (!PartialDuplicateError.isPartialDuplicateError(error)) throw error
        throw new Error(`${error.message}. Created: page ${pageUrlFor(options.apiUrl, error.pageId)}`, { cause: error })
      })
    print(`duplicated ${page.id} as page ${copy.id}: ${pageUrlFor(options.apiUrl, copy.id)}`)
    return copy.id
  } finally {
    await client.close()
  }
}
