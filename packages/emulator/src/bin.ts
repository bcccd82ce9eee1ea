#!/usr/bin/env node
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import type { Envelope } from '@notion-rx/protocol'
import type { DemoWorkspace } from './seed/demoWorkspace.js'
import type { FaultOptions } from './faults.js'
import { importRecordMap } from './seed/importRecordMap.js'
import { SEED_OPTIONS, type SeedOption } from './seed/seed.js'
import { startEmulator, type Emulator } from './startEmulator.js'
import { UPLOAD_MODES, type UploadMode } from './files/uploadMode.js'

const NAME = 'notion-rx-emulator'
/** Exit codes, the same as the notion-rx command's: 0 ok, 1 failed at run time, 2 bad command line. */
const EXIT_USAGE = 2
const EXIT_FAILURE = 1
/** After a second Ctrl-C: the shell's convention for "killed by SIGINT", as notion-rx. */
const EXIT_INTERRUPTED = 130

const EXAMPLES = `
Examples:
  $ ${NAME}                                    the demo workspace on port 3310, kept in .emulator-data/
  $ ${NAME} --port 0 --db :memory: --seed none  an empty throwaway emulator on a free port
  $ ${NAME} --latency 50-200 --envelope flat    slower, older-shaped answers
  $ ${NAME} --import recorded.json              with recorded record maps

Exit codes: 0 stopped cleanly, 1 failed at run time (port in use, database), 2 bad command line.`

/** This package's version, from its package.json (the same path from src/ and dist/). */
function packageVersion(): string {
  const json = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown }
  return typeof json.version === 'string' ? json.version : 'unknown'
}

interface CliOptions {
  port: number
  host: string
  db: string | undefined
  seed: SeedOption
  envelope: Envelope
  uploads: UploadMode
  latency: FaultOptions['latencyMs'] | undefined
  import: string[] | undefined
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65_535) throw new InvalidArgumentError('Expected an integer from 0 to 65535.')
  return port
}

/** `100` (ms), or `50-200` for a random latency in that range. */
function parseLatency(value: string): NonNullable<FaultOptions['latencyMs']> {
  const match = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(value)
  if (!match) throw new InvalidArgumentError('Expected milliseconds, e.g. 100, or a range, e.g. 50-200.')
  const min = Number(match[1])
  if (match[2] === undefined) return min
  const max = Number(match[2])
  if (max < min) throw new InvalidArgumentError(`The range ${value} ends before it starts.`)
  return [min, max]
}

function buildProgram(): Command {
  return new Command()
    .name(NAME)
    .description("Runs a local emulator of Notion's internal v3 API (HTTP + SQLite), seeded with a demo workspace.")
    .version(packageVersion(), '-V, --version', 'print the version')
    .addHelpText('after', EXAMPLES)
    .addOption(new Option('-p, --port <n>', 'TCP port; 0 picks a free one').default(3310).argParser(parsePort))
    .addOption(new Option('--host <host>', 'interface to listen on').default('127.0.0.1'))
    .addOption(
      new Option('--db <path>', "SQLite database file, or ':memory:' (default: .emulator-data/notion.sqlite under the current folder)"),
    )
    .addOption(new Option('--seed <seed>', 'content for a new (empty) database').choices(SEED_OPTIONS).default('demo'))
    .addOption(
      new Option('--envelope <shape>', "record-map envelope: today's nested one or the pre-2025 flat one")
        .choices(['nested', 'flat'])
        .default('nested'),
    )
    .addOption(
      new Option('--uploads <shape>', "getUploadFileUrl's answer: 2026's multipart POST, or the older signed PUT (notion-py)")
        .choices(UPLOAD_MODES)
        .default('post'),
    )
    .addOption(
      new Option(
        '--import <file...>',
        'record-map JSON files (recorded API responses) to import on start; the demo users become members of their spaces',
      ),
    )
    .addOption(new Option('--latency <ms>', 'added latency per API response (ms, or a range like 50-200)').argParser(parseLatency))
    .allowExcessArguments(false)
    .showHelpAfterError(`(run ${NAME} --help for usage)`)
    .exitOverride()
}

function dashless(id: string): string {
  return id.replaceAll('-', '')
}

function banner(emulator: Emulator, dbPath: string, demo: DemoWorkspace | undefined): string {
  const lines = [`${NAME} listening on ${emulator.url}`, `  API            ${emulator.apiUrl}`]
  // The message store is another engineer's addition to Emulator; print it when this build has one.
  if ('messageStoreUrl' in emulator && typeof emulator.messageStoreUrl === 'string') {
    lines.push(`  Message store  ${emulator.messageStoreUrl}`)
  }
  lines.push(`  Database       ${dbPath}`, '')
  if (!demo) {
    lines.push('No demo workspace in this database (seeded with --seed none, or created before it).', '')
  } else {
    const homeUrl = `${emulator.url}/${dashless(demo.homePageId)}`
    lines.push(
      'Demo workspace "Acme"',
      `  Ada Lovelace (owner)   ${demo.ownerEmail}`,
      `    user id   ${demo.ownerId}`,
      `    token_v2  ${demo.ownerToken}`,
      `  Grace Hopper (editor)  ${demo.memberEmail}`,
      `    user id   ${demo.memberId}`,
      `    token_v2  ${demo.memberToken}`,
      `  Home page   ${homeUrl}`,
      `  Tasks       ${emulator.url}/${dashless(demo.tasksBlockId)}?v=${dashless(demo.tasksViewIds.table)}`,
      '',
      'From the SDK:',
      "  import { NotionClient } from '@notion-rx/core'",
      `  const client = new NotionClient({ baseUrl: '${emulator.apiUrl}', tokenV2: '${demo.ownerToken}' })`,
      `  const page = await client.getBlock('${homeUrl}')`,
      '',
    )
  }
  lines.push('Press Ctrl-C to stop.')
  return `${lines.join('\n')}\n`
}

interface ImportFile {
  path: string
  recordMap: unknown
}

/** Reads every --import file before anything starts, so a bad path or bad JSON changes nothing. */
function readImports(paths: string[]): ImportFile[] {
  return paths.map((path) => {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (error) {
      fail(`cannot read --import file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, EXIT_USAGE)
    }
    try {
      return { path, recordMap: JSON.parse(text) as unknown }
    } catch (error) {
      fail(`--import file ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`, EXIT_USAGE)
    }
  })
}

function fail(message: string, code: number): never {
  process.stderr.write(`${NAME}: ${message}\n`)
  process.exit(code)
}

async function main(argv: string[]): Promise<void> {
  // A reader that went away (`| head`) is not an error: the server keeps serving, quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error
  })
  const program = buildProgram()
  try {
    program.parse(argv)
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message (and the help hint) already.
      const done = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
      process.exit(done ? 0 : EXIT_USAGE)
    }
    throw error
  }
  const options = program.opts<CliOptions>()
  const dbPath = options.db === ':memory:' ? ':memory:' : resolve(options.db ?? join(process.cwd(), '.emulator-data', 'notion.sqlite'))

  const imports = readImports(options.import ?? [])

  // Signal handlers go in before anything is printed: whoever reads the banner may signal at once.
  let emulator: Emulator | undefined
  let stopping = false
  const shutdown = (running: Emulator): void => {
    running.close().then(
      () => {
        process.stdout.write('Stopped.\n')
        process.exit(0)
      },
      (error: unknown) => fail(`error while stopping: ${error instanceof Error ? error.message : String(error)}`, EXIT_FAILURE),
    )
  }
  const onSignal = (signal: NodeJS.Signals): void => {
    // A second Ctrl-C means "now".
    if (stopping) process.exit(EXIT_INTERRUPTED)
    stopping = true
    process.stdout.write(`\n${signal}: stopping...\n`)
    if (emulator) shutdown(emulator)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  try {
    emulator = await startEmulator({
      port: options.port,
      host: options.host,
      db: dbPath,
      seed: options.seed,
      envelope: options.envelope,
      uploads: options.uploads,
      ...(options.latency !== undefined ? { faults: { latencyMs: options.latency } } : {}),
    })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') fail(`port ${options.port} on ${options.host} is in use (try --port 0 for a free one)`, EXIT_FAILURE)
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      fail(`cannot listen on host ${options.host} (${code})`, EXIT_USAGE)
    }
    fail(`cannot start: ${error instanceof Error ? error.message : String(error)}`, EXIT_FAILURE)
  }
  // Stopped while starting: close without announcing a server that is going away.
  if (stopping) return shutdown(emulator)
  const memberUserIds = emulator.demo ? [emulator.demo.ownerId, emulator.demo.memberId] : []
  for (const file of imports) {
    const summary = importRecordMap(emulator.context, file.recordMap, { memberUserIds })
    const skipped = summary.skipped.length > 0 ? ` (${summary.skipped.length} skipped)` : ''
    process.stdout.write(`Imported ${summary.records} records from ${file.path}${skipped}\n`)
  }
  process.stdout.write(banner(emulator, dbPath, emulator.demo))
}

main(process.argv).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), EXIT_FAILURE))
