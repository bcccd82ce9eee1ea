import type { CliCommand } from '../cli/cliCommand.js'
import { consumeCommand } from '../consumeCommand.js'

/** `notion-rx consume redis://… --stream S --group G --to <sink>`. */
export const consumeCli: CliCommand = (program) => {
  program.addCommand(consumeCommand())
}
