import { Option } from 'commander'
import type { CliCommand } from '../cli/cliCommand.js'
import { addConnectionOptions, type ConnectionOptions } from '../cli/connectionOptions.js'
import { TOKEN_HOWTO } from '../cli/missingToken.js'
import { parsePageRef, parsePerson } from '../cli/optionParsers.js'
import { UsageError } from '../cli/usageError.js'
import type { ShareRole } from '@notion-rx/core'

/** `notion-rx share <url> <email> --role reader` */
export const shareCli: CliCommand = (program, runtime) => {
  addConnectionOptions(
    program
      .command('share')
      .description('give a person a role on a page, by email (an email without a Notion account gets one, unless --no-invite); --role none takes it away')
      .argument('<url>', 'a Notion page URL or id', parsePageRef)
      .argument('<email>', "the person's email address (or user id)", parsePerson)
      .addOption(new Option('--role <role>', 'what they may do').choices(['editor', 'read_and_write', 'comment_only', 'reader', 'none']).default('reader'))
      .option('--no-invite', 'refuse an email that has no Notion account instead of inviting it'),
  )
    .addHelpText(
      'after',
      '\nRoles: editor (full access), read_and_write (can edit), comment_only, reader (can view), none (remove).\nExamples:\n  $ notion-rx share <page-url> grace@example.com --role reader\n  $ notion-rx share <page-url> grace@example.com --role none',
    )
    .action((url: string, who: string, options: ConnectionOptions & { role: ShareRole; invite: boolean }) =>
      runtime.run(async () => {
        if (options.token === undefined) throw new UsageError(`share needs a token: none was given. ${TOKEN_HOWTO}`)
        const { shareCommand } = await import('../shareCommand.js')
        await shareCommand({ pageUrl: url, who, role: options.role, invite: options.invite, tokenV2: options.token, apiUrl: options.apiUrl, print: runtime.print })
      }),
    )
}
