import type { BlockHandler } from '../exportState.js'
import { alias } from './alias.js'
import { audio } from './audio.js'
import { bookmark } from './bookmark.js'
import { breadcrumb } from './breadcrumb.js'
import { bulletedList } from './bulletedList.js'
import { callout } from './callout.js'
import { code } from './code.js'
import { collectionView } from './collectionView.js'
import { collectionViewPage } from './collectionViewPage.js'
import { column } from './column.js'
import { columnList } from './columnList.js'
import { divider } from './divider.js'
import { embed } from './embed.js'
import { equation } from './equation.js'
import { file } from './file.js'
import { header } from './header.js'
import { header4 } from './header_4.js'
import { image } from './image.js'
import { linkToPage } from './linkToPage.js'
import { numberedList } from './numberedList.js'
import { page } from './page.js'
import { pdf } from './pdf.js'
import { quote } from './quote.js'
import { subHeader } from './sub_header.js'
import { subSubHeader } from './sub_sub_header.js'
import { table } from './table.js'
import { tableOfContents } from './tableOfContents.js'
import { tableRow } from './tableRow.js'
import { text } from './text.js'
import { toDo } from './toDo.js'
import { toggle } from './toggle.js'
import { transclusionContainer } from './transclusionContainer.js'
import { transclusionReference } from './transclusionReference.js'
import { video } from './video.js'

export { unknownBlock } from './unknownBlock.js'

/**
 * The handler of each block type, one file each (a registry, as mdast-util-to-markdown's `handle`). Types
 * not listed use `unknownBlock`. Embeds of every provider (figma, gist, maps, ...) are links, as
 * `embed` is.
 */
export const handle: Readonly<Record<string, BlockHandler>> = {
  page,
  text,
  header,
  sub_header: subHeader,
  sub_sub_header: subSubHeader,
  header_4: header4,
  bulleted_list: bulletedList,
  numbered_list: numberedList,
  to_do: toDo,
  toggle,
  quote,
  callout,
  code,
  divider,
  equation,
  image,
  video,
  audio,
  file,
  pdf,
  bookmark,
  embed,
  codepen: embed,
  figma: embed,
  gist: embed,
  maps: embed,
  drive: embed,
  tweet: embed,
  typeform: embed,
  excalidraw: embed,
  miro: embed,
  replit: embed,
  framer: embed,
  loom: embed,
  invision: embed,
  collection_view: collectionView,
  collection_view_page: collectionViewPage,
  column_list: columnList,
  column,
  table,
  table_row: tableRow,
  alias,
  link_to_page: linkToPage,
  transclusion_container: transclusionContainer,
  transclusion_reference: transclusionReference,
  table_of_contents: tableOfContents,
  breadcrumb,
}
