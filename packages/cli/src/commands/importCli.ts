import { Option } from 'commander'
import type { CliCommand } from '../cli/cliCommand.js'
import { addConnectionOptions, type ConnectionOptions } from '../cli/connectionOptions.js'
import { TOKEN_HOWTO } from '../cli/missingToken.js'
import { parseInputFile, parsePageRef } from '../cli/optionParsers.js'
import { ProgressLine } from '../cli/progressLine.js'
import { UsageError } from '../cli/usageError.js'

/** `notion-rx import <file> <parent-url>` */
export const importCli: CliCommand = (program, runtime) => {
  addConnectionOptions(
    program
      .command('import')
      .description('create a new page under <parent-url> from a markdown or HTML file (.html/.htm; its leading heading is the title); large files go in several transactions')
      .argument('<file>', 'a markdown or HTML file, or - for stdin', parseInputFile)
      .argument('<parent-url>', 'the parent page URL or id', parsePageRef)
      .addOption(new Option('--format <format>', 'how to read the file (default: by its extension; stdin is markdown)').choices(['markdown', 'html'])),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  $ notion-rx import notes.md https://www.notion.so/Parent-0123456789abcdef0123456789abcdef\n  $ notion-rx import page.html <parent-page-id>\n  $ cat notes.md | notion-rx import - <parent-page-id>',
    )
    .action((file: string, parentUrl: string, options: ConnectionOptions & { format?: 'markdown' | 'html' }) => {
      const progress = new ProgressLine(runtime.stderr)
      return runtime.run(async () => {
        // Writing always needs a logged-in user.
        if (options.token === undefined) throw new UsageError(`import needs a token: none was given. ${TOKEN_HOWTO}`)
        const { importCommand } = await import('../importCommand.js')
        try {
          await importCommand({ file, format: options.format, parentUrl, tokenV2: options.token, apiUrl: options.apiUrl, print: runtime.print, onProgress: (text) => progress.update(text) })
        } finally {
          progress.done()
        }
      })
    })
}
