import { Option } from 'commander'
import type { CliCommand } from '../cli/cliCommand.js'
import { parsePort, parseSeconds } from '../cli/optionParsers.js'

/** `notion-rx demo [--duration s] [--port n]` */
export const demoCli: CliCommand = (program, runtime) => {
  program
    .command('demo')
    .description('the live demo: the emulator with the demo workspace, a watcher, and a teammate editing')
    .addOption(new Option('--duration <seconds>', 'stop after this many seconds (default: run until Ctrl-C)').argParser(parseSeconds))
    .addOption(new Option('--port <n>', "the emulator's port; 0 picks a free one").default(0).argParser(parsePort))
    .addHelpText('after', '\nExamples:\n  $ notion-rx demo\n  $ notion-rx demo --duration 20 --port 3310\n  $ notion-rx demo | head -4')
    .action((options: { duration?: number; port: number }) =>
      runtime.run(async () => {
        // Loaded when run, so that --help and usage errors answer at once.
        const { runDemo } = await import('../runDemo.js')
        await runDemo({
          print: runtime.print,
          signal: runtime.untilInterrupted(),
          port: options.port,
          ...(options.duration !== undefined ? { durationMs: options.duration * 1000 } : {}),
        })
      }),
    )
}
