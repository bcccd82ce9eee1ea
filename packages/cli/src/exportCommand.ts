import { writeFile } from 'node:fs/promises'
import { exportHtml, exportMarkdown, NotionClient, type Block } from '@notion-rx/core'
import { parseId } from '@notion-rx/protocol'
import { pageUrlFor } from './cli/pageUrlFor.js'

export type ExportFormat = 'markdown' | 'html'

export interface ExportOptions {
  pageUrl: string
  tokenV2: string | undefined
  apiUrl: string | undefined
  /** A file to write; stdout when absent. */
  out?: string | undefined
  /** What to write: markdown, or a standalone HTML page. @default 'markdown' */
  format?: ExportFormat | undefined
  /** Where the markdown or HTML goes without `out`. @default process.stdout */
  write?: (text: string) => void
  /** Notes (blocks that could not be loaded, ...). @default process.stderr */
  log?: (line: string) => void
  /** Progress while loading and writing, e.g. a terminal status line (`ProgressLine.update`). */
  onProgress?: (text: string) => void
}

/**
 * `notion-rx export <url> [--out file] [--format html]`: a page and everything below it as
 * markdown, or as a standalone HTML page. Links to other pages point at the server the page came
 * from (the emulator's addresses with `apiUrl`).
 */
export async function exportCommand(options: ExportOptions): Promise<void> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const progress = options.onProgress ?? (() => {})
  const { id } = parseId(options.pageUrl)
  let requests = 0
  const client = new NotionClient({
    ...(options.tokenV2 ? { tokenV2: options.tokenV2 } : {}),
    ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}),
    logger: (event) => {
      if (event.type !== 'response') return
      requests += 1
      progress(`loading: ${requests} requests, ${Object.keys(client.store.snapshot.block ?? {}).length} blocks`)
    },
  })
  try {
    progress('loading…')
    const page: Block = await client.getBlock(id)
    let missing = 0
    const write = options.format === 'html' ? exportHtml : exportMarkdown
    const text = await write(page, {
      pageUrl: (target) => pageUrlFor(options.apiUrl, target),
      onProgress: (done) => progress(`writing: ${done} blocks`),
      onIssue: (issue) => {
        if (issue.code === 'missing_block') missing += 1
        else log(`note: ${issue.message}`)
      },
    })
    if (missing > 0) log(`note: ${missing} blocks could not be loaded (marked in the output)`)
    if (options.out !== undefined) await writeFile(options.out, text)
    else (options.write ?? ((output: string) => process.stdout.write(output)))(text)
  } finally {
    await client.close()
  }
}
