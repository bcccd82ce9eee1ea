/**
 * What the dashboard server sends to browsers: plain JSON, ready to render. The browser app imports
 * these types too, so this file imports nothing.
 */

/** One run of rich text with its marks (Notion's decorations, already resolved to names). */
export interface Span {
  text: string
  bold?: true
  italic?: true
  strike?: true
  code?: true
  underline?: true
  /** A link's address (`a` decoration). */
  href?: string
  /** A text or background colour (`h` decoration), such as `red` or `blue_background`. */
  color?: string
  /** A mention (user, page, date) shown by its label. */
  mention?: 'user' | 'page' | 'date'
  /** An inline equation (`e` decoration), shown as its TeX source. */
  equation?: true
}

export interface SelectOption {
  value: string
  color: string
}

/** A cell as the browser shows it; `kind` follows the property type. */
export type Cell =
  | { kind: 'text'; spans: Span[] }
  | { kind: 'number'; value: number | null; text: string }
  | { kind: 'select'; options: SelectOption[] }
  | { kind: 'checkbox'; checked: boolean }
  | { kind: 'date'; text: string; start: string | null; end: string | null }
  | { kind: 'people'; names: string[]; ids: string[] }
  | { kind: 'pages'; titles: string[]; ids: string[] }
  | { kind: 'files'; files: { name: string; url: string }[] }
  | { kind: 'url'; text: string }
  | { kind: 'empty' }

/** A property as a column: the view's order, visibility and width. */
export interface Column {
  id: string
  name: string
  type: string
  width: number | undefined
  /** Writable from the dashboard (title, text, number, select, checkbox, url...). */
  editable: boolean
  /** Options of select-like properties, for editing. */
  options?: SelectOption[]
  /** People (members of the space) and pages (rows of the related database) a cell may name, for editing. */
  choices?: Choice[]
}

/** A person or a page an editor offers. */
export interface Choice {
  id: string
  label: string
}

export interface Row {
  id: string
  /** Cells keyed by property id; `title` is the title property. */
  cells: Record<string, Cell>
}

export interface Aggregate {
  property: string
  aggregator: string
  text: string
}

export interface BoardGroup {
  /** The group's value (`null` for "No value"). */
  value: string | null
  color: string
  ids: string[]
  total: number
}

export interface CalendarDay {
  day: string
  ids: string[]
}

export interface TimelineBar {
  id: string
  start: string
  end: string
}

/** Sum, least, greatest and count of a number property's values in a group (the average is sum / count). */
export interface NumberStats {
  sum: number
  min: number | null
  max: number | null
  count: number
}

/** One group of rows in a chart: its rows' count and, per number property, their stats. */
export interface ChartGroup {
  label: string
  color: string
  count: number
  stats: Record<string, NumberStats>
}

/** The rows grouped by one property (select, status, multi-select, person, checkbox). */
export interface ChartGrouping {
  property: string
  name: string
  groups: ChartGroup[]
}

/**
 * Grouped aggregations for the chart panel, for every groupable property and every number
 * property: the tab picks the grouping and the aggregation (count, sum, average, min, max).
 */
export interface ChartModel {
  /** The grouping shown first: the view's group property, else the first select or status. */
  grouping: string
  groupings: ChartGrouping[]
  /** Number properties that can be summed, averaged... */
  numbers: { id: string; name: string }[]
}

export interface ViewSummary {
  id: string
  name: string
  type: string
}

/** A database view, laid out the way Notion lays out its type. Rows travel apart (see `Patch`). */
export interface ViewMeta {
  databaseTitle: string
  collectionId: string
  view: ViewSummary
  views: ViewSummary[]
  /** The visible properties, in the view's order (table columns, card properties). */
  columns: Column[]
  total: number
  aggregates: Aggregate[]
  /** Board: columns by the group property (its id and name). */
  groupProperty?: string
  groupName?: string
  groups?: BoardGroup[]
  /** Calendar: the month shown (`YYYY-MM`) and its days with rows. */
  month?: string
  days?: CalendarDay[]
  /** Timeline: bars by start, and rows without a date. */
  bars?: TimelineBar[]
  undated?: string[]
  chart?: ChartModel
}

/** A block of a page, as the browser renders it. */
export interface BlockModel {
  id: string
  type: string
  spans: Span[]
  checked?: boolean
  /** Heading level, 1–3. */
  level?: number
  icon?: string
  language?: string
  color?: string
  /** Images and files: an address of the dashboard that redirects to a signed URL. */
  source?: string
  caption?: Span[]
  /** Inline databases: the view channel to subscribe to. */
  viewId?: string
  children: BlockModel[]
}

export interface PageModel {
  id: string
  title: string
  icon?: string
  blocks: BlockModel[]
}

/**
 * The state of a channel, as a whole: what a tab gets when it subscribes. For a view, `order` is
 * every row id in the view's order (filters and sorts applied by the live query); `rows` holds the
 * rows laid out so far. A table's snapshot carries its first rows only: the tab asks for the
 * others (`POST /api/rows`) as it scrolls to them.
 */
export type ChannelModel =
  | { kind: 'view'; meta: ViewMeta; order: string[]; rows: Record<string, Row> }
  | { kind: 'page'; page: PageModel }

/** A change to a channel: only what moved. `rows` maps ids to a new row, or `null` when it left. */
export type Patch =
  | { kind: 'view'; meta?: ViewMeta; order?: string[]; rows?: Record<string, Row | null> }
  | { kind: 'page'; page: PageModel }

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'polling' | 'closed'

/** Server-sent events, one JSON object per `data:` line. */
export type ServerEvent =
  | { type: 'hello'; tab: string; readOnly: boolean; root: { kind: 'page' | 'database'; channel: string; title: string } }
  | { type: 'snapshot'; channel: string; model: ChannelModel }
  | { type: 'patch'; channel: string; patch: Patch }
  /** Rows a tab asked for (sent to that tab only, on its stream, so they stay in order with patches). */
  | { type: 'rows'; channel: string; rows: Record<string, Row> }
  | { type: 'status'; status: ConnectionStatus }
  | { type: 'error'; channel: string; message: string }

/** A day, or a range of days (`YYYY-MM-DD`). */
export interface DateValue {
  start: string
  end?: string | null
}

/**
 * A value a cell is set to: text, a number, a checkbox, an option (select, status), a list of
 * options (multi-select), of user ids (people) or of page ids (relations), or a date.
 */
export type CellValue = string | number | boolean | null | string[] | DateValue

/** The closed set of edits a browser may ask for (checked again on the server). */
export type DashboardAction =
  | { type: 'setChecked'; blockId: string; checked: boolean }
  | { type: 'setTitle'; blockId: string; title: string }
  | { type: 'setCell'; rowId: string; property: string; value: CellValue }
  | { type: 'moveCard'; rowId: string; viewId: string; group: string | null }
  | { type: 'addRow'; viewId: string; title: string; group?: string | null }

export type ActionReply = { ok: true } | { ok: false; error: string }
