import { Option } from 'commander'
import type { CliCommand } from '../cli/cliCommand.js'
import { addConnectionOptions, type ConnectionOptions } from '../cli/connectionOptions.js'
import { parsePageRef, parsePort } from '../cli/optionParsers.js'

/** `notion-rx dashboard <url> [--port] [--host] [--view] [--read-only] [--open]` */
export const dashboardCli: CliCommand = (program, runtime) => {
  addConnectionOptions(
    program
      .command('dashboard')
      .description('serve a page or database as a live web page, editable unless --read-only')
      .argument('<url>', 'a Notion page or database URL or id', parsePageRef),
  )
    .addOption(new Option('--port <port>', 'port to listen on (default: any free port)').argParser(parsePort))
    .addOption(new Option('--host <host>', 'interface to listen on; anything but 127.0.0.1 exposes the dashboard').default('127.0.0.1'))
    .addOption(new Option('--view <name>', 'the database view to open on (name or id)'))
    .addOption(new Option('--read-only', 'refuse every edit'))
    .addOption(new Option('--open', 'open it in the default browser'))
    .addHelpText('after', '\nExamples:\n  $ NOTION_TOKEN_V2=... notion-rx dashboard https://www.notion.so/Tasks-0123456789abcdef0123456789abcdef --view Board\n  $ notion-rx dashboard <page-id> --api-url http://127.0.0.1:3310/api/v3 --token <emulator token> --read-only')
    .action((url: string, options: ConnectionOptions & { port?: number; host: string; view?: string; readOnly?: boolean; open?: boolean }) =>
      runtime.run(async () => {
        const { dashboardCommand } = await import('../dashboardCommand.js')
        await dashboardCommand({
          url,
          tokenV2: options.token,
          apiUrl: options.apiUrl,
          port: options.port,
          host: options.host,
          view: options.view,
          readOnly: options.readOnly,
          open: options.open,
          print: runtime.print,
          signal: runtime.untilInterrupted(),
        })
      }),
    )
}
