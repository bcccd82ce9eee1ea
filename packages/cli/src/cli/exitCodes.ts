/**
 * What both command-line tools (notion-rx and notion-rx-emulator) exit with: 0 when the work is
 * done (or the reader of stdout went away), 1 when it failed at run time (network, server, a port
 * in use), 2 when the command line was wrong (an unknown option, a bad value, a missing token).
 */
export const EXIT_CODES = { ok: 0, failure: 1, usage: 2 } as const
/** After a second Ctrl-C: the shell's convention for "killed by SIGINT". */
export const EXIT_INTERRUPTED = 130
