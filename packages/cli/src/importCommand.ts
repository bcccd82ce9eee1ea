import { readFile } from 'node:fs/promises'
import { importMarkdown, NotionClient, type Block } from '@notion-rx/core'
import { parseId } from '@notion-rx/protocol'

export interface ImportOptions {
  /** A markdown file; `-` reads stdin. */
  file: string
  parentUrl: string
  tokenV2: string | undefined
  apiUrl: string | undefined
  /** Where the new page's id and block count go. @default console.log */
  print?: (line: string) => void
}

/**
 * `notion-rx import <file> <parent-url>`: the markdown file as a new page under the parent page,
 * in one transaction; its leading `# heading` is the title. Prints the new page's id.
 * @returns the new page's id
 */
export async function importCommand(options: ImportOptions): Promise<string> {
  const print = options.print ?? ((line: string) => console.log(line))
  const markdown = options.file === '-' ? await readStdin() : await readFile(options.file, 'utf8')
  const { id } = parseId(options.parentUrl)
  const client = new NotionClient({
    ...(options.tokenV2 ? { tokenV2: options.tokenV2 } : {}),
    ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}),
  })
  try {
    const parent: Block = await client.getBlock(id)
    const page = importMarkdown(parent, markdown)
    await client.flush()
    print(`imported ${options.file} as page ${page.id} under ${parent.id}`)
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
