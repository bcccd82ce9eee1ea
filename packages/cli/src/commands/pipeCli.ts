import type { CliCommand } from '../cli/cliCommand.js'
import { pipeCommand } from '../pipeCommand.js'

/** `notion-rx pipe <url...> --to <sink>`: the command keeps its own exit codes (commandExit.ts). */
export const pipeCli: CliCommand = (program) => {
  program.addCommand(pipeCommand())
}
