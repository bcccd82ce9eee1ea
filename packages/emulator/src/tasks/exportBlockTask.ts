import { pageToHtml, pageToMarkdown, type RecordSource, type RecordValueLike } from '@notion-rx/markdown'
import { exportBlockRequestSchema, exportedBlockId, richTextToPlainText, type ExportBlockRequest, type RichText } from '@notion-rx/protocol'
import { strToU8, zipSync } from 'fflate'
import { writeFileSync } from 'node:fs'
import { filesOf } from '../files/fileStore.js'
import { readableRecordSource } from '../reads/readableRecordSource.js'
import { TaskFailure, type TaskKind } from './taskKind.js'

const EXPORT_TYPES = ['markdown', 'html'] as const
type ExportType = (typeof EXPORT_TYPES)[number]

/** Pages one export may hold; a larger tree fails the task rather than filling the disk. */
export const MAX_EXPORTED_PAGES = 2_000

const PAGE_TYPES: ReadonlySet<string> = new Set(['page'])
const EXTENSION: Record<ExportType, string> = { markdown: '.md', html: '.html' }

const requestSchema = exportBlockRequestSchema.refine(
  (request) => (EXPORT_TYPES as readonly string[]).includes(request.exportOptions.exportType),
  { message: `exportOptions.exportType must be one of ${EXPORT_TYPES.join(', ')} (the emulator makes no PDFs)`, path: ['exportOptions', 'exportType'] },
)

/** `Title 0123…cdef`, as Notion names exported files, with characters file systems refuse removed. */
function fileBase(block: RecordValueLike, id: string): string {
  const title = (block['properties'] as { title?: unknown } | undefined)?.title
  const text = Array.isArray(title) ? richTextToPlainText(title as RichText) : ''
  const clean = text.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').trim().slice(0, 100) || 'Untitled'
  return `${clean} ${id.replace(/-/g, '')}`
}

/** The sub-pages of a page (real children, below any depth of non-page blocks), in content order. */
function subpagesOf(source: RecordSource, pageId: string): string[] {
  const found: string[] = []
  const seen = new Set<string>([pageId])
  const visit = (parentId: string, depth: number) => {
    const content = source.getBlock(parentId)?.['content']
    if (!Array.isArray(content) || depth > 64) return
    for (const id of content) {
      if (typeof id !== 'string' || seen.has(id)) continue
      seen.add(id)
      const child = source.getBlock(id)
      // Aliases put another page's id in a content list; only a page's own children are exported.
      if (!child || child['alive'] === false || child['parent_id'] !== parentId) continue
      if (PAGE_TYPES.has(String(child['type']))) found.push(id)
      else visit(id, depth + 1)
    }
  }
  visit(pageId, 0)
  return found
}

/**
 * `exportBlock` / `partitionedExportBlock`: the page (and with `recursive`, its sub-pages in
 * folders named like their page, linked relatively) as markdown or HTML files in a zip, stored as
 * a file of the requesting user; `exportURL` is a signed GET of it. Only what the user may read
 * is exported. Databases are written as in `pageToMarkdown` (tables of their loaded rows).
 */
export const exportBlockTask: TaskKind<ExportBlockRequest> = {
  request: requestSchema,
  async run(run, request) {
    const source = readableRecordSource(run.emulator, run.userId)
    const rootId = exportedBlockId(request)
    const root = source.getBlock(rootId)
    if (!root || root['alive'] === false) throw new TaskFailure('The block does not exist, or you may not read it.')
    const type = request.exportOptions.exportType as ExportType
    const render = type === 'html' ? pageToHtml : pageToMarkdown
    const files: Record<string, Uint8Array> = {}
    const queue: { id: string; folder: string }[] = [{ id: rootId, folder: '' }]
    let exported = 0
    while (queue.length > 0) {
      const { id, folder } = queue.shift()!
      const base = fileBase(source.getBlock(id) ?? {}, id)
      const subpages = request.recursive ? subpagesOf(source, id) : []
      const links = new Map(subpages.map((sub) => [sub, `${base}/${fileBase(source.getBlock(sub) ?? {}, sub)}${EXTENSION[type]}`]))
      const body = render(source, id, {
        pageUrl: (target) => (links.has(target) ? encodeURI(links.get(target)!) : `https://www.notion.so/${target.replace(/-/g, '')}`),
      })
      files[`${folder}${base}${EXTENSION[type]}`] = strToU8(body)
      exported++
      if (exported + queue.length + subpages.length > MAX_EXPORTED_PAGES) {
        throw new TaskFailure(`The export has more than ${MAX_EXPORTED_PAGES} pages; export a smaller part of the tree.`)
      }
      for (const sub of subpages) queue.push({ id: sub, folder: `${folder}${base}/` })
      run.progress({ type: 'progress', pagesExported: exported })
      await run.step()
    }
    const store = filesOf(run.emulator)
    const file = store.create({ name: `Export-${run.taskId}.zip`, contentType: 'application/zip', userId: run.userId, maxBytes: Number.MAX_SAFE_INTEGER })
    const zip = zipSync(files)
    writeFileSync(store.pathOf(file), zip, { mode: 0o600 })
    store.markUploaded(file.id, zip.byteLength)
    return { type: 'complete', pagesExported: exported, exportURL: store.signedUrl(file, 'GET') }
  },
}
