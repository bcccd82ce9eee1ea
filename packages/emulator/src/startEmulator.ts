import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { Envelope } from '@notion-rx/protocol'
import { Accounts, type CreatedUser, type CreateUserOptions } from './access/accounts.js'
import { CommitEvents } from './writes/commitEvents.js'
import { openDatabase } from './storage/database.js'
import type { EmulatorContext } from './emulatorContext.js'
import { ENDPOINTS } from './http/endpointRegistry.js'
import { FaultInjector, type FaultOptions } from './faults.js'
import { createHttpServer } from './http/httpServer.js'
import { importRecordMap } from './seed/importRecordMap.js'
import { attachMessageStore, type MessageStoreOptions } from './messageStore/messageStore.js'
import { Permissions } from './access/permissions.js'
import type { ImportOptions, ImportSummary } from './seed/recordImporter.js'
import { RecordRepository } from './storage/recordRepository.js'
import { ROUTES } from './http/routeRegistry.js'
import { applySeed, type SeedOption } from './seed/seed.js'
import type { DemoWorkspace } from './seed/demoWorkspace.js'
import { isUploadMode, UPLOAD_MODES, type UploadMode } from './files/uploadMode.js'

export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string
  /** SQLite file path (WAL mode), or ':memory:'. @default ':memory:' */
  db?: string
  /** Content for a new database. @default 'none' */
  seed?: SeedOption
  /** Record-map envelope of responses: today's nested one, or the pre-2025 flat one. @default 'nested' */
  envelope?: Envelope
  /** Faults to inject from the start (see `setFaults`). */
  faults?: FaultOptions
  /** Source of the fault draws, a number in [0, 1): seed it for reproducible fault runs. @default Math.random */
  faultRandom?: () => number
  /** Largest accepted JSON request body in bytes. @default 8 MiB */
  maxBodyBytes?: number
  /** Largest accepted file upload in bytes. @default 20 MiB */
  maxUploadBytes?: number
  /**
   * getUploadFileUrl's answer: `'post'`, Notion's 2026 shape (a multipart POST with an S3 policy,
   * `attachment:` URIs, only the `public` bucket), or `'put'`, the older signed PUT that clients
   * like notion-py send. @default 'post'
   */
  uploads?: UploadMode
  /** Clock, for tests. @default Date.now */
  now?: () => number
  /** Message store (live updates at `/primus-v8/` and `/primus/`): heartbeat timing. */
  messageStore?: MessageStoreOptions
  /**
   * How many parsed records stay in memory; past it the oldest are dropped and read from SQLite
   * again when asked for. Raise it for pages larger than the default, which are otherwise read
   * from SQLite on every load. @default 50_000
   */
  recordCacheSize?: number
}

export interface Emulator {
  /** `http://host:port`; the API is at `${url}/api/v3`. */
  readonly url: string
  readonly apiUrl: string
  /**
   * The API base URL answering in one envelope, or as today's Notion does (`strict`: retired
   * endpoints are 404s, getTasks needs `spaceId`, only the `public` upload bucket, nested envelope),
   * whatever the emulator's default: one emulator serves flat-envelope clients (notion-py,
   * kjk/notionapi) and nested ones (notion-client) at once.
   * @example emu.apiUrlFor({ envelope: 'flat' }) // 'http://127.0.0.1:3310/flat/api/v3'
   */
  apiUrlFor(profile: { envelope?: Envelope; strict?: boolean }): string
  /** The message store (engine.io 4, Primus framing): `${url}/primus-v8/`; notion-py's EIO3 one is `${url}/primus/`. */
  readonly messageStoreUrl: string
  readonly port: number
  /** Creates a user with a workspace of their own, or adds one to `spaceId` with `role`. */
  createUser(options: CreateUserOptions): CreatedUser
  /** Replaces the injected faults; `{}` clears them. */
  setFaults(faults: FaultOptions): void
  /**
   * Imports a recorded record map (either envelope), values and versions as recorded; makes
   * `memberUserIds` editors of its spaces. Malformed entries are listed in `skipped`, not thrown.
   */
  importRecordMap(recordMap: unknown, options?: ImportOptions): ImportSummary
  /** Internals, for tools and tests built on the emulator. */
  readonly context: EmulatorContext
  /** The demo workspace's ids and its users' tokens, when the database holds it (`seed: 'demo'`). */
  readonly demo: DemoWorkspace | undefined
  close(): Promise<void>
}

/** Starts an emulator of Notion's v3 API on a real HTTP server with its state in SQLite. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const uploads = options.uploads ?? 'post'
  // Checked before anything is opened, so a typo from plain JavaScript leaves nothing behind.
  if (!isUploadMode(uploads)) {
    throw new TypeError(`startEmulator: uploads must be one of ${UPLOAD_MODES.map((mode) => `'${mode}'`).join(', ')}, not ${JSON.stringify(uploads)}.`)
  }
  const { recordCacheSize } = options
  if (recordCacheSize !== undefined && !(Number.isInteger(recordCacheSize) && recordCacheSize >= 1)) {
    throw new RangeError(`startEmulator: recordCacheSize must be a whole number of at least 1, not ${String(recordCacheSize)}.`)
  }
  const dbPath = options.db ?? ':memory:'
  const inMemory = dbPath === ':memory:'
  if (!inMemory) mkdirSync(dirname(resolve(dbPath)), { recursive: true })
  const filesDir = inMemory ? mkdtempSync(join(tmpdir(), 'notion-rx-emulator-files-')) : `${resolve(dbPath)}.files`
  mkdirSync(filesDir, { recursive: true })
  const db = openDatabase(dbPath)
  const now = options.now ?? Date.now
  const records = new RecordRepository(db, recordCacheSize !== undefined ? { cacheSize: recordCacheSize } : {})
  const events = new CommitEvents()
  let origin = ''
  const context: EmulatorContext = {
    db,
    records,
    events,
    accounts: new Accounts(db, records, events, now),
    permissions: new Permissions(records),
    faults: new FaultInjector(options.faults, options.faultRandom),
    envelope: options.envelope ?? 'nested',
    filesDir,
    maxUploadBytes: options.maxUploadBytes ?? 20 * 1024 * 1024,
    uploads,
    origin: () => origin,
    now,
  }
  let demo: DemoWorkspace | undefined
  try {
    demo = applySeed(context, options.seed ?? 'none')
  } catch (error) {
    // A bad seed option must not leak the open database (or a temp folder).
    db.close()
    if (inMemory) rmSync(filesDir, { recursive: true, force: true })
    throw error
  }

  const server = createHttpServer(context, {
    endpoints: ENDPOINTS,
    routes: ROUTES,
    maxBodyBytes: options.maxBodyBytes ?? 8 * 1024 * 1024,
  })
  const messageStore = attachMessageStore(server, context, options.messageStore)
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolveListen()
    })
  })
  const { port } = server.address() as AddressInfo
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  let closed: Promise<void> | undefined
  return {
    url: origin,
    apiUrl: `${origin}/api/v3`,
    apiUrlFor: ({ envelope, strict }) => `${origin}${strict ? '/strict' : ''}${envelope ? `/${envelope}` : ''}/api/v3`,
    messageStoreUrl: `${origin}/primus-v8/`,
    port,
    context,
    demo,
    createUser: (userOptions) => context.accounts.createUser(userOptions),
    setFaults: (faults) => context.faults.set(faults),
    importRecordMap: (recordMap, importOptions) => importRecordMap(context, recordMap, importOptions),
    close() {
      // Before the HTTP server: it cuts the message store's websockets, which would hold server.close() open.
      if (!closed) void messageStore.close()
      closed ??= new Promise<void>((resolveClose) => {
        server.close(() => resolveClose())
        server.closeAllConnections()
      }).then(() => {
        db.close()
        if (inMemory) rmSync(filesDir, { recursive: true, force: true })
      })
      return closed
    },
  }
}
