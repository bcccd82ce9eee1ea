#!/usr/bin/env node
import { buildProgram } from './cli/buildProgram.js'
import { CliRuntime } from './cli/cliRuntime.js'
import { consumeCli } from './commands/consumeCli.js'
import { dashboardCli } from './commands/dashboardCli.js'
import { demoCli } from './commands/demoCli.js'
import { duplicateCli } from './commands/duplicateCli.js'
import { exportCli } from './commands/exportCli.js'
import { importCli } from './commands/importCli.js'
import { pipeCli } from './commands/pipeCli.js'
import { publishCli } from './commands/publishCli.js'
import { shareCli } from './commands/shareCli.js'
import { watchCli } from './commands/watchCli.js'

// The commands, one file each under commands/: add a command by adding its file and a line here.
const COMMANDS = [demoCli, watchCli, exportCli, importCli, duplicateCli, shareCli, publishCli, pipeCli, consumeCli, dashboardCli]

const runtime = new CliRuntime('notion-rx')
await buildProgram(runtime, COMMANDS)
  .parseAsync()
  .catch((error: unknown) => runtime.fail(error))
