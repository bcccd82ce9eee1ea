import { Option } from 'commander'
import type { CliCommand } from '../cli/cliCommand.js'
import { addConnectionOptions, type ConnectionOptions } from '../cli/connectionOptions.js'
import { TOKEN_HOWTO } from '../cli/missingToken.js'
import { parsePageRef } from '../cli/optionParsers.js'
import { ProgressLine } from '../cli/progressLine.js'
import { UsageError } from '../cli/usageError.js'

/** `notion-rx duplicate <url> [--parent <url>] [--title t]` */
export const duplicateCli: CliCommand = (program, runtime) => {
  addConnectionOptions(
    program
      .command('duplicate')
      .description('copy a page and everything below it (sub-pages, databases with their rows) next to it, or under --parent')
      .argument('<url>', 'the page URL or id', parsePageRef)
      .addOption(new Option('--parent <url>', 'the page the copy goes into').argParser(parsePageRef))
      .addOption(new Option('--title <title>', "the copy's title (markdown)")),
  )
    .addHelpText('after', '\nExamples:\n  $ notion-rx duplicate https://www.notion.so/Plan-0123456789abcdef0123456789abcdef\n  $ notion-rx duplicate <page-id> --parent <archive-page-id> --title "Plan (2027)"')
    .action((url: string, options: ConnectionOptions & { parent?: string; title?: string }) => {
      const progress = new ProgressLine(runtime.stderr)
      return runtime.run(async () => {
        // Writing always needs a logged-in user.
        if (options.token === undefined) throw new UsageError(`duplicate needs a token: none was given. ${TOKEN_HOWTO}`)
        const { duplicateCommand } = await import('../duplicateCommand.js')
        try {
          await duplicateCommand({ pageUrl: url, parentUrl: options.parent, title: options.title, tokenV2: options.token, apiUrl: options.apiUrl, print: runtime.print, onProgress: (text) => progress.update(text) })
        } finally {
          progress.done()
        }
      })
    })
}
