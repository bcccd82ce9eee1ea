import { Option, type Command } from 'commander'
import { parseApiUrl, parseToken } from './optionParsers.js'

/** The options every command that talks to a server takes. */
export interface ConnectionOptions {
  token?: string
  apiUrl?: string
}

/** `--token` (or NOTION_TOKEN_V2) and `--api-url` (or NOTION_API_URL), validated. */
export function addConnectionOptions(command: Command): Command {
  return command
    .addOption(new Option('--token <token_v2>', 'the token_v2 cookie of a logged-in browser').env('NOTION_TOKEN_V2').argParser(parseToken))
    .addOption(
      new Option('--api-url <url>', "API root, e.g. an emulator's http://127.0.0.1:3310/api/v3 (default: Notion's)").env('NOTION_API_URL').argParser(parseApiUrl),
    )
}
