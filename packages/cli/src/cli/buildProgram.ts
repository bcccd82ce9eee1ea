import { Command } from 'commander'
import type { CliCommand } from './cliCommand.js'
import type { CliRuntime } from './cliRuntime.js'
import { packageVersion } from './packageVersion.js'

const EXAMPLES = `
Examples:
  $ notion-rx demo                                  the live demo on a local emulator
  $ notion-rx demo --duration 30 | head -20
  $ NOTION_TOKEN_V2=... notion-rx watch https://www.notion.so/My-Page-0123456789abcdef0123456789abcdef
  $ notion-rx export <page-url> --out page.md
  $ notion-rx import notes.md <parent-page-url>

Exit codes: 0 done, 1 failed at run time, 2 bad command line (see --help of each command).
A token_v2: browser developer tools → Application → Cookies → https://www.notion.so → token_v2.`

/**
 * The notion-rx program with `commands` added: usage errors exit 2 after printing the command's
 * help, `--help` and `--version` exit 0.
 */
export function buildProgram(runtime: CliRuntime, commands: readonly CliCommand[]): Command {
  const program = new Command()
    .name(runtime.name)
    .description("Live Notion from the command line, on Notion's internal v3 API or the local emulator")
    .version(packageVersion(), '-V, --version', 'print the version')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError(true)
    .allowExcessArguments(false)
    .exitOverride()
  for (const add of commands) add(program, runtime)
  return program
}
