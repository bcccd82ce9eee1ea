import { readFile } from 'node:fs/promises'
import { importHtml, importMarkdownInParts, NotionClient, PartialImportError, type Block, type ImportInPartsOptions } from '@notion-rx/core'
import { parseId } from '@notion-rx/protocol'
import { pageUrlFor } from './cli/pageUrlFor.js'

export type ImportFormat = 'markdown' | 'html'

/** The format a file name says: .html/.htm is HTML, anything else (stdin too) markdown. */
export function importFormatOf(file: string): ImportFormat {
  return /\.html?$/i.test(file) ? 'html' : 'markdown'
}

export interface ImportOptions {
  /** A markdown or HTML file; `-` reads stdin. */
  file: string
  /** How to read it. @default by the file's extension (`importFormatOf`) */
  format?: ImportFormat | undefined
  parentUrl: string
  tokenV2: string | undefined
  apiUrl: string | undefined
  /** Where the new page's id and address go. @default console.log */
  print?: (line: string) => void
  /** Progress while reading and writing, e.g. a terminal status line (`ProgressLine.update`). */
  onProgress?: (text: string) => void
  /** Per-transaction limits (tests); the SDK's conservative defaults otherwise. */
  parts?: Pick<ImportInPartsOptions, 'maxPartBytes' | 'maxPartBlocks'>
}

/**
 * `notion-rx import <file> <parent-url>`: a markdown or HTML file (by its extension, or
 * `format`) as a new page under the parent page; the leading `# heading` (`<h1>`, else
 * `<title>`) is the title. Large files go in several transactions, in order (see
 * `importMarkdownInParts`); if one fails after others committed, the error names the page and
 * how much of it exists. Prints the new page's id and address.
 * @returns the new page's id
 */
export async function importCommand(options: ImportOptions): Promise<string> {
  const print = options.print ?? ((line: string) => console.log(line))
  const progress = options.onProgress ?? (() => {})
  const text = options.file === '-' ? await readStdin() : await readFile(options.file, 'utf8')
  const format = options.format ?? importFormatOf(options.file)
  const { id } = parseId(options.parentUrl)
  const client = new NotionClient({
    ...(options.tokenV2 ? { tokenV2: options.tokenV2 } : {}),
    ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}),
  })
  try {
    const parent: Block = await client.getBlock(id)
    progress(`reading ${Math.round(Buffer.byteLength(text) / 1024)} KB of ${format === 'html' ? 'HTML' : 'markdown'}…`)
    const importPage = format === 'html' ? importHtml : importMarkdownInParts
    const page = await importPage(parent, text, {
      ...options.parts,
      onProgress: (step) => progress(`writing: part ${step.part} of ${step.parts}, ${step.blocks} of ${step.totalBlocks} blocks`),
    }).catch((error: unknown) => {
      if (!PartialImportError.isPartialImportError(error)) throw error
      const last = error.committedBlockIds.at(-1)
      throw new Error(
        `${error.message}. Created: page ${pageUrlFor(options.apiUrl, error.pageId)} ` +
          `(${error.committedBlockIds.length} blocks committed${last === undefined ? '' : `, the last one ${last}`})`,
        { cause: error },
      )
    })
    print(`imported ${options.file} as page ${page.id} under ${parent.id}: ${pageUrlFor(options.apiUrl, page.id)}`)
    return page.id
  } finally {
    await client.close()
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
