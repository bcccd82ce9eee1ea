#!/usr/bin/env node
import { Command, Option } from 'commander'
import { dashboardCommand } from './dashboardCommand.js'
import { exportCommand } from './exportCommand.js'
import { importCommand } from './importCommand.js'
import { runDemo } from './runDemo.js'
import { watchCommand } from './watchCommand.js'

/** Aborts on the first Ctrl-C or SIGTERM; a second one exits at once. */
function interruption(): AbortSignal {
  const controller = new AbortController()
  const stop = () => {
    if (controller.signal.aborted) process.exit(130)
    controller.abort()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  return controller.signal
}

function fail(error: unknown): never {
  // Typed SDK errors say what went wrong and what to do; a stack would only hide that.
  console.error(`notion-rx: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}

const program = new Command()
  .name('notion-rx')
  .description("notion-rx: live Notion from the command line, on Notion's internal v3 API or the local emulator")

program
  .command('demo')
  .description('the live demo: the emulator with the demo workspace, a watcher, and a teammate editing')
  .addOption(new Option('--duration <seconds>', 'stop after this many seconds').argParser(Number))
  .action(async (options: { duration?: number }) => {
    await runDemo({
      signal: interruption(),
      ...(options.duration !== undefined ? { durationMs: options.duration * 1000 } : {}),
    }).catch(fail)
    process.exit(0)
  })

program
  .command('watch')
  .description('print every change to a page, its blocks and its databases as it happens')
  .argument('<page-url>', 'a Notion page URL or id')
  .addOption(new Option('--token <token_v2>', 'the token_v2 cookie of a logged-in browser').env('NOTION_TOKEN_V2'))
  .addOption(new Option('--api-url <url>', 'API root, e.g. an emulator').env('NOTION_API_URL'))
  .action(async (pageUrl: string, options: { token?: string; apiUrl?: string }) => {
    await watchCommand({ pageUrl, tokenV2: options.token, apiUrl: options.apiUrl, signal: interruption() }).catch(fail)
    process.exit(0)
  })

program
  .command('export')
  .description('write a page and everything below it as markdown (stdout, or --out file)')
  .argument('<url>', 'a Notion page URL or id')
  .addOption(new Option('--out <file>', 'write the markdown to this file'))
  .addOption(new Option('--token <token_v2>', 'the token_v2 cookie of a logged-in browser').env('NOTION_TOKEN_V2'))
  .addOption(new Option('--api-url <url>', 'API root, e.g. an emulator').env('NOTION_API_URL'))
  .action(async (url: string, options: { out?: string; token?: string; apiUrl?: string }) => {
    await exportCommand({ pageUrl: url, out: options.out, tokenV2: options.token, apiUrl: options.apiUrl }).catch(fail)
    process.exit(0)
  })

program
  .command('import')
  .description('create a new page under <parent-url> from a markdown file (its leading # heading is the title)')
  .argument('<file>', 'a markdown file, or - for stdin')
  .argument('<parent-url>', 'the parent page URL or id')
  .addOption(new Option('--token <token_v2>', 'the token_v2 cookie of a logged-in browser').env('NOTION_TOKEN_V2'))
  .addOption(new Option('--api-url <url>', 'API root, e.g. an emulator').env('NOTION_API_URL'))
  .action(async (file: string, parentUrl: string, options: { token?: string; apiUrl?: string }) => {
    await importCommand({ file, parentUrl, tokenV2: options.token, apiUrl: options.apiUrl }).catch(fail)
    process.exit(0)
  })

program
  .command('dashboard')
  .description('serve a page or database as a live web page, editable unless --read-only')
  .argument('<url>', 'a Notion page or database URL or id')
  .addOption(new Option('--port <port>', 'port to listen on (default: any free port)').argParser(Number))
  .addOption(new Option('--host <host>', 'interface to listen on; anything but 127.0.0.1 exposes the dashboard').default('127.0.0.1'))
  .addOption(new Option('--view <name>', 'the database view to open on (name or id)'))
  .addOption(new Option('--read-only', 'refuse every edit'))
  .addOption(new Option('--open', 'open it in the default browser'))
  .addOption(new Option('--token <token_v2>', 'the token_v2 cookie of a logged-in browser').env('NOTION_TOKEN_V2'))
  .addOption(new Option('--api-url <url>', 'API root, e.g. an emulator').env('NOTION_API_URL'))
  .action(async (url: string, options: { port?: number; host: string; view?: string; readOnly?: boolean; open?: boolean; token?: string; apiUrl?: string }) => {
    await dashboardCommand({ url, tokenV2: options.token, apiUrl: options.apiUrl, port: options.port, host: options.host, view: options.view, readOnly: options.readOnly, open: options.open, signal: interruption() }).catch(fail)
    process.exit(0)
  })

await program.parseAsync()
