import { duplicateBlockTask } from './duplicateBlockTask.js'
import { exportBlockTask } from './exportBlockTask.js'
import type { TaskKind } from './taskKind.js'

/** Every enqueueTask `eventName` the emulator runs; the web app's partitioned export takes the same request. */
export const TASK_KINDS: ReadonlyMap<string, TaskKind<never>> = new Map<string, TaskKind<never>>([
  ['exportBlock', exportBlockTask as TaskKind<never>],
  ['partitionedExportBlock', exportBlockTask as TaskKind<never>],
  ['duplicateBlock', duplicateBlockTask as TaskKind<never>],
])
