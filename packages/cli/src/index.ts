/**
 * The building blocks of the `notion-rx` command: the page watcher, change descriptions and the demo's
 * simulated teammate.
 * @module @notion-rx/cli
 */
export { describeChange } from './describeChange.js'
export { PageWatcher } from './pageWatcher.js'
export { Teammate } from './teammate.js'
export type { TeammatePlan } from './teammate.js'
export { demoPlan } from './demoPlan.js'
export { runDemo } from './runDemo.js'
export type { DemoOptions } from './runDemo.js'
export { watchCommand } from './watchCommand.js'
export type { WatchOptions } from './watchCommand.js'
export { exportCommand } from './exportCommand.js'
export type { ExportOptions } from './exportCommand.js'
export { importCommand } from './importCommand.js'
export type { ImportOptions } from './importCommand.js'
export { changeJson } from './changeJson.js'
export type { ChangeFieldJson, ChangeJson } from './changeJson.js'
export { EXIT_CODES } from './cli/exitCodes.js'
export { pipeCommand, runPipeCommand } from './pipeCommand.js'
export type { PipeCommandOptions } from './pipeCommand.js'
export { consumeCommand, runConsumeCommand } from './consumeCommand.js'
export type { ConsumeCommandOptions } from './consumeCommand.js'
export { dashboardCommand } from './dashboardCommand.js'
export type { DashboardCommandOptions } from './dashboardCommand.js'
