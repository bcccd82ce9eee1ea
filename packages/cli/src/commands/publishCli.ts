import type { CliCommand } from '../cli/cliCommand.js'
import { addConnectionOptions, type ConnectionOptions } from '../cli/connectionOptions.js'
import { TOKEN_HOWTO } from '../cli/missingToken.js'
import { parsePageRef } from '../cli/optionParsers.js'
import { UsageError } from '../cli/usageError.js'

interface PublishCliOptions extends ConnectionOptions {
  unpublish?: boolean
  allowDuplicate?: boolean
  searchEngines?: boolean
}

/** `notion-rx publish <url> [--unpublish]` */
export const publishCli: CliCommand = (program, runtime) => {
  addConnectionOptions(
    program
      .command('publish')
      .description('publish a page to the web (anyone with the link can read it), or take it off with --unpublish')
      .argument('<url>', 'a Notion page URL or id', parsePageRef)
      .option('--unpublish', 'turn the public link off; anonymous readers lose access immediately')
      .option('--allow-duplicate', 'visitors may duplicate the page into their own workspace')
      .option('--search-engines', 'search engines may index the page'),
  )
    .addHelpText('after', '\nExamples:\n  $ notion-rx publish <page-url> --allow-duplicate\n  $ notion-rx publish <page-url> --unpublish')
    .action((url: string, options: PublishCliOptions) =>
      runtime.run(async () => {
        if (options.token === undefined) throw new UsageError(`publish needs a token: none was given. ${TOKEN_HOWTO}`)
        if (options.unpublish && (options.allowDuplicate || options.searchEngines)) {
          throw new UsageError('--unpublish takes no --allow-duplicate or --search-engines: those are options of a published page.')
        }
        const { publishCommand } = await import('../publishCommand.js')
        await publishCommand({
          pageUrl: url,
          unpublish: options.unpublish === true,
          allowDuplicate: options.allowDuplicate === true,
          searchEngines: options.searchEngines === true,
          tokenV2: options.token,
          apiUrl: options.apiUrl,
          print: runtime.print,
        })
      }),
    )
}
