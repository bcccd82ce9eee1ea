import type { NotionRecord } from './notionRecord.js'

/** How far a duplicate has come; `onProgress` gets one after each step. */
export interface DuplicateProgress {
  /** `server`: Notion's own duplicate task; `client`: the SDK's copy in batched transactions. */
  path: 'server' | 'client'
  /** Records copied so far (blocks, databases, views, rows), of `total` (0 while the server counts). */
  copied: number
  total: number
  /** Client path: transactions committed so far, of `parts`. */
  part?: number
  parts?: number
}

/** `page.duplicate(options)`. */
export interface DuplicateOptions {
  /**
   * Where the copy goes: a page (or any block that holds blocks) or a space, possibly of another
   * workspace or another client (another account). Default: next to the page, right after it.
   */
  parent?: NotionRecord | undefined
  /** The copy's title, as markdown. Default: the page's own title. */
  title?: string | undefined
  /**
   * `true`: sub-pages, and databases' rows with their content, are copied too. `false`: the page's
   * own blocks, and its databases' schema and views without rows; sub-pages are left out.
   * @default true
   */
  deep?: boolean | undefined
  /**
   * `server`: Notion's own duplicate task (same client and workspace only, deep); `client`: the SDK
   * copies record by record; `auto`: the server when it can, else the client.
   * @default 'auto'
   */
  mode?: 'auto' | 'server' | 'client' | undefined
  onProgress?: ((progress: DuplicateProgress) => void) | undefined
  /**
   * Stops the duplicate. The server path stops waiting (Notion's task goes on); the client path
   * stops between two transactions and rejects with `PartialDuplicateError` if some committed.
   */
  signal?: AbortSignal | undefined
  /** Client path: bytes of JSON per transaction. @default DEFAULT_PART_BYTES (256 KB) */
  maxPartBytes?: number | undefined
  /** Client path: records per transaction. @default DEFAULT_PART_RECORDS (500) */
  maxPartRecords?: number | undefined
}
