import { writeFile } from 'node:fs/promises'
import { exportMarkdown, NotionClient, type Block } from '@notion-rx/core'
import { parseId } from '@notion-rx/protocol'

export interface ExportOptions {
  pageUrl: string
  tokenV2: string | undefined
  apiUrl: string | undefined
  /** A file to write; stdout when absent. */
  out?: string | undefined
  /** Where the markdown goes without `out`. @default process.stdout */
  write?: (markdown: string) => void
  /** Progress and notes. @default process.stderr */
  log?: (line: string) => void
  /**
   * Report progress every this many blocks (only pages that large show progress).
   * @default 500
   */
  progressEvery?: number
}

/** `notion-rx export <url> [--out file]`: a page and everything below it as markdown. */
export async function exportCommand(options: ExportOptions): Promise<void> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const every = options.progressEvery ?? 500
  const { id } = parseId(options.pageUrl)
  const client = new NotionClient({
    ...(options.tokenV2 ? { tokenV2: options.tokenV2 } : {}),
    ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}),
  })
  try {
    const page: Block = await client.getBlock(id)
    let blocks = 0
    let missing = 0
    const markdown = await exportMarkdown(page, {
      onProgress: (done) => {
        blocks = done
        if (done % every === 0) log(`exported ${done} blocks…`)
      },
      onIssue: (issue) => {
        if (issue.code === 'missing_block') missing += 1
        else log(`note: ${issue.message}`)
      },
    })
    if (blocks >= every) log(`exported ${blocks} blocks`)
    if (missing > 0) log(`note: ${missing} blocks could not be loaded (marked in the output)`)
    if (options.out !== undefined) await writeFile(options.out, markdown)
    else (options.write ?? ((text: string) => process.stdout.write(text)))(markdown)
  } finally {
    await client.close()
  }
}
