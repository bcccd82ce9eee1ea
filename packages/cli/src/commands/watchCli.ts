import { Option } from 'commander'
import type { CliCommand } from '../cli/cliCommand.js'
import { addConnectionOptions, type ConnectionOptions } from '../cli/connectionOptions.js'
import { explainMissingToken } from '../cli/missingToken.js'
import { parsePageRef } from '../cli/optionParsers.js'

/** `notion-rx watch <page-url> [--json]` */
export const watchCli: CliCommand = (program, runtime) => {
  addConnectionOptions(
    program
      .command('watch')
      .description('print every change to a page, its blocks and its databases as it happens')
      .argument('<page-url>', 'a Notion page URL or id', parsePageRef),
  )
    .addOption(new Option('--json', 'one JSON object per change and line (NDJSON); status lines go to stderr'))
    .addHelpText(
      'after',
      '\nExamples:\n  $ NOTION_TOKEN_V2=... notion-rx watch https://www.notion.so/My-Page-0123456789abcdef0123456789abcdef\n' +
        '  $ notion-rx watch <page-id> --api-url http://127.0.0.1:3310/api/v3 --token <emulator token> --json | jq .title',
    )
    .action((pageUrl: string, options: ConnectionOptions & { json?: boolean }) =>
      runtime.run(async () => {
        const { watchCommand } = await import('../watchCommand.js')
        await watchCommand({
          pageUrl,
          tokenV2: options.token,
          apiUrl: options.apiUrl,
          print: runtime.print,
          format: options.json ? 'json' : 'text',
          ...(options.json ? { status: runtime.log } : {}),
          signal: runtime.untilInterrupted(),
        }).catch((error: unknown) => {
          throw explainMissingToken(error, options.token !== undefined)
        })
      }),
    )
}
