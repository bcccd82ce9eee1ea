/** Where the web app shows pages when no API URL is given. */
const NOTION_APP = 'https://www.notion.so'

/**
 * The address a person opens to see a page: on the server the CLI talks to (an emulator's
 * `<origin>/<32-hex id>`), or on notion.so when no API URL was given.
 */
export function pageUrlFor(apiUrl: string | undefined, pageId: string): string {
  const hex = pageId.replaceAll('-', '')
  return `${apiUrl === undefined ? NOTION_APP : new URL(apiUrl).origin}/${hex}`
}
