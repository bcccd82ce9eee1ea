import { Option } from 'commander'
import type { CliCommand } from '../cli/cliCommand.js'
import { addConnectionOptions, type ConnectionOptions } from '../cli/connectionOptions.js'
import { explainMissingToken } from '../cli/missingToken.js'
import { parseOutputFile, parsePageRef } from '../cli/optionParsers.js'
import { ProgressLine } from '../cli/progressLine.js'
import type { ExportFormat } from '../exportCommand.js'

/** The format a file name asks for: .html/.htm is HTML, anything else (or stdout) markdown. */
function formatOfFile(file: string | undefined): ExportFormat {
  return file !== undefined && /\.html?$/i.test(file) ? 'html' : 'markdown'
}

/** `notion-rx export <url> [--out file]` */
export const exportCli: CliCommand = (program, runtime) => {
  addConnectionOptions(
    program
      .command('export')
      .description('write a page and everything below it as markdown or HTML (stdout, or --out file); progress on stderr when it is a terminal')
      .argument('<url>', 'a Notion page URL or id', parsePageRef)
      .addOption(new Option('--out <file>', 'write to this file (a .html name picks --format html)').argParser(parseOutputFile))
      .addOption(new Option('--format <format>', 'markdown, or html for a standalone web page').choices(['markdown', 'html'])),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  $ notion-rx export https://www.notion.so/My-Page-0123456789abcdef0123456789abcdef --out page.md\n  $ notion-rx export <page-id> --format html > page.html\n  $ notion-rx export <page-id> | less',
    )
    .action((url: string, options: ConnectionOptions & { out?: string; format?: ExportFormat }) => {
      const progress = new ProgressLine(runtime.stderr)
      return runtime.run(async () => {
        const { exportCommand } = await import('../exportCommand.js')
        await exportCommand({
          pageUrl: url,
          out: options.out,
          format: options.format ?? formatOfFile(options.out),
          tokenV2: options.token,
          apiUrl: options.apiUrl,
          write: runtime.write,
          log: runtime.log,
          onProgress: (text) => progress.update(text),
        }).then(
          () => progress.done(),
          (error: unknown) => {
            progress.done()
            throw explainMissingToken(error, options.token !== undefined)
          },
        )
      })
    })
}
