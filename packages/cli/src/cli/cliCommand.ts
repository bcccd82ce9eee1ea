import type { Command } from 'commander'
import type { CliRuntime } from './cliRuntime.js'

/** Adds one subcommand to the program; bin.ts lists them all. */
export type CliCommand = (program: Command, runtime: CliRuntime) => void
