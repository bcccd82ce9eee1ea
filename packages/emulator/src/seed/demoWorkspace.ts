import type { EmulatorContext } from '../emulatorContext.js'
import type { RecordValue } from '../storage/recordRepository.js'
import { stableId } from './stableId.js'

/** The ids and credentials of the seeded demo workspace, for printing and for tests. */
export interface DemoWorkspace {
  /** Ada Lovelace, who owns the workspace. */
  ownerId: string
  ownerEmail: string
  ownerToken: string
  /** Grace Hopper, an editor in the same workspace. */
  memberId: string
  memberEmail: string
  memberToken: string
  spaceId: string
  /** "Acme Handbook", the top-level page with one block of every common type. */
  homePageId: string
  /** "Meeting notes", a sub-page of the home page. */
  meetingNotesPageId: string
  /** The inline `collection_view` block "Tasks" on the home page. */
  tasksBlockId: string
  tasksCollectionId: string
  tasksViewIds: { table: string; board: string; calendar: string }
}

export const DEMO_OWNER = { email: 'ada@example.com', name: 'Ada Lovelace' } as const
export const DEMO_MEMBER = { email: 'grace@example.com', name: 'Grace Hopper' } as const

/** Every demo id comes from its name, so the demo is the same on every run and machine. */
function demoId(name: string): string {
  return stableId(name, 'notion-rx demo workspace')
}

const IDS = {
  owner: demoId('user/ada'),
  member: demoId('user/grace'),
  space: demoId('space/acme'),
  home: demoId('page/acme-handbook'),
  meetingNotes: demoId('page/meeting-notes'),
  richText: demoId('block/rich-text'),
  discussion: demoId('discussion/rich-text'),
  tasksBlock: demoId('block/tasks'),
  tasksCollection: demoId('collection/tasks'),
  tableView: demoId('view/tasks/table'),
  boardView: demoId('view/tasks/board'),
  calendarView: demoId('view/tasks/calendar'),
} as const

/** Monday 2024-03-04 09:00 UTC; every record is created one minute after the previous one. */
const BASE_TIME = Date.UTC(2024, 2, 4, 9, 0, 0)
const MINUTE = 60_000

/** Property ids of the Tasks schema: 4 characters, like Notion's. */
const P = {
  status: 'S~tx',
  tags: 'tG%a',
  assignee: 'a#Sg',
  due: 'd;Ue',
  estimate: 'e7Sm',
  urgent: 'U!gt',
  link: 'l1Nk',
  notes: 'n0T=',
  blockedBy: 'b]Kd',
  created: 'c8Rt',
} as const

type Decoration = [string] | [string, unknown]
type Segment = [string] | [string, Decoration[]]
type RichText = Segment[]

const MENTION = '‣'

function plain(text: string): RichText {
  return [[text]]
}

function seg(text: string, ...decorations: Decoration[]): Segment {
  return decorations.length > 0 ? [text, decorations] : [text]
}

const userMention = (id: string): Segment => [MENTION, [['u', id]]]
const pageMention = (id: string): Segment => [MENTION, [['p', id]]]
const dateMention = (date: Record<string, unknown>): Segment => [MENTION, [['d', date]]]

interface BlockSpec {
  /** Name the id is derived from; unique within the demo. */
  key: string
  type: string
  title?: RichText
  properties?: Record<string, RichText>
  format?: RecordValue
  children?: BlockSpec[]
  /** Who created it (default: the owner). */
  author?: 'owner' | 'member'
  /** Extra top-level fields (collection_id, view_ids, discussions, ...). */
  extra?: RecordValue
  /** Use this id instead of one derived from `key`. */
  id?: string
}

/** Writes the demo records with fixed ids, fixed timestamps and version 1. */
class DemoWriter {
  #tick = 0

  private readonly emulator: EmulatorContext

  constructor(emulator: EmulatorContext) {
    this.emulator = emulator
  }

  audit(author: 'owner' | 'member' = 'owner'): RecordValue {
    const time = BASE_TIME + this.#tick++ * MINUTE
    const userId = author === 'owner' ? IDS.owner : IDS.member
    return {
      created_time: time,
      created_by_id: userId,
      created_by_table: 'notion_user',
      last_edited_time: time,
      last_edited_by_id: userId,
      last_edited_by_table: 'notion_user',
    }
  }

  put(table: string, value: RecordValue & { id: string }): void {
    this.emulator.records.put(table, value.id, { version: 1, ...value })
  }

  /** Writes a block and its subtree; returns its id. */
  block(spec: BlockSpec, parentId: string, parentTable: 'block' | 'space' | 'collection'): string {
    const id = spec.id ?? demoId(`block/${spec.key}`)
    const properties = { ...(spec.title ? { title: spec.title } : {}), ...spec.properties }
    const value: RecordValue & { id: string } = {
      id,
      version: 1,
      type: spec.type,
      alive: true,
      parent_id: parentId,
      parent_table: parentTable,
      space_id: IDS.space,
      ...this.audit(spec.author),
      // As on the wire: no `properties`/`content` keys on blocks that have none.
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
      ...(spec.format ? { format: spec.format } : {}),
      ...spec.extra,
    }
    const children = spec.children ?? []
    if (children.length > 0) value['content'] = children.map((child) => this.block(child, id, 'block'))
    this.put('block', value)
    return id
  }
}

function text(key: string, title: RichText, children?: BlockSpec[]): BlockSpec {
  return { key, type: 'text', title, ...(children ? { children } : {}) }
}

function homePage(): BlockSpec {
  return {
    key: 'home',
    id: IDS.home,
    type: 'page',
    title: plain('Acme Handbook'),
    format: {
      page_icon: '📘',
      page_cover: '/images/page-cover/gradients_8.png',
      page_cover_position: 0.5,
    },
    extra: {
      permissions: [
        { role: 'editor', type: 'user_permission', user_id: IDS.owner },
        { role: 'editor', type: 'space_permission' },
      ],
    },
    children: [
      { key: 'welcome', type: 'header', title: plain('Welcome to Acme') },
      {
        key: 'rich-text',
        id: IDS.richText,
        type: 'text',
        extra: { discussions: [IDS.discussion] },
        title: [
          seg('This handbook has '),
          seg('everything', ['b'], ['m', IDS.discussion]),
          seg(' you need in your '),
          seg('first week', ['i']),
          seg('. Read the '),
          seg('style guide', ['a', 'https://example.com/style-guide']),
          seg(', mind the '),
          seg('red flags', ['h', 'red']),
          seg(', ask '),
          userMention(IDS.member),
          seg(' about the '),
          pageMention(IDS.meetingNotes),
          seg(', come to the review on '),
          dateMention({ type: 'date', start_date: '2024-04-01', date_format: 'relative' }),
          seg(' and run '),
          seg('npm test', ['c']),
          seg(' before you push.'),
        ],
      },
      text('more-formatting', [
        seg('Also: '),
        seg('struck', ['s']),
        seg(', '),
        seg('underlined', ['_']),
        seg(', '),
        seg('highlighted', ['h', 'yellow_background']),
        seg(', '),
        seg('bold italic link', ['b'], ['i'], ['a', 'https://www.notion.so']),
        seg(' and an inline equation '),
        seg('⁍', ['e', 'a^2 + b^2 = c^2']),
        seg('.'),
      ]),
      { key: 'principles', type: 'sub_header', title: plain('Principles') },
      {
        key: 'bullet-write',
        type: 'bulleted_list',
        title: plain('Write things down'),
        children: [
          { key: 'bullet-write-decisions', type: 'bulleted_list', title: plain('Decisions go in the meeting notes') },
          { key: 'bullet-write-owners', type: 'bulleted_list', title: plain('Every task has one owner') },
        ],
      },
      { key: 'bullet-ship', type: 'bulleted_list', title: plain('Ship small changes, often') },
      {
        key: 'numbered-clone',
        type: 'numbered_list',
        title: plain('Clone the repository'),
        children: [{ key: 'numbered-clone-ssh', type: 'numbered_list', title: [seg('Use '), seg('git@', ['c']), seg(' URLs')] }],
      },
      { key: 'numbered-test', type: 'numbered_list', title: plain('Run the tests') },
      { key: 'numbered-pr', type: 'numbered_list', title: plain('Open a pull request') },
      { key: 'checklist', type: 'sub_sub_header', title: plain('Onboarding checklist') },
      { key: 'todo-laptop', type: 'to_do', title: plain('Set up your laptop'), properties: { checked: plain('Yes') } },
      { key: 'todo-handbook', type: 'to_do', title: plain('Read the handbook'), properties: { checked: plain('No') } },
      {
        key: 'faq',
        type: 'toggle',
        title: plain('Frequently asked questions'),
        children: [
          text('faq-hours', [seg('Working hours? ', ['b']), seg('Core hours are 10:00 to 16:00, UTC.')]),
          text('faq-leave', [seg('Time off? ', ['b']), seg('Put it in the team calendar a week ahead.')]),
        ],
      },
      { key: 'quote', type: 'quote', title: plain('The most dangerous phrase in the language is "we have always done it this way."') },
      {
        key: 'callout',
        type: 'callout',
        title: [seg('Tip: '), seg('press '), seg('Ctrl-/', ['c']), seg(' to see every shortcut.')],
        format: { page_icon: '💡', block_color: 'gray_background' },
      },
      {
        key: 'code',
        type: 'code',
        title: plain("import { NotionClient } from '@notion-rx/core'\n\nconst client = new NotionClient({ tokenV2 })\nconst page = await client.getBlock(pageId)\nconsole.log(page.title)"),
        properties: { language: plain('JavaScript') },
        format: { code_wrap: true },
      },
      { key: 'divider', type: 'divider' },
      { key: 'equation', type: 'equation', title: plain('e^{i\\pi} + 1 = 0') },
      {
        key: 'image',
        type: 'image',
        properties: {
          source: plain('https://images.unsplash.com/photo-1497366216548-37526070297c'),
          caption: plain('The Acme office'),
        },
        format: {
          display_source: 'https://images.unsplash.com/photo-1497366216548-37526070297c',
          block_width: 640,
          block_aspect_ratio: 0.6667,
          block_preserve_scale: true,
        },
      },
      {
        key: 'bookmark',
        type: 'bookmark',
        properties: {
          link: plain('https://developers.notion.com'),
          title: plain('Notion Developers'),
          description: plain('Build integrations and connect your tools to Notion.'),
        },
        format: { bookmark_icon: 'https://developers.notion.com/favicon.ico' },
      },
      {
        key: 'columns',
        type: 'column_list',
        children: [
          {
            key: 'column-left',
            type: 'column',
            format: { column_ratio: 0.5 },
            children: [
              { key: 'column-left-title', type: 'sub_sub_header', title: plain('Engineering') },
              text('column-left-text', [seg('Ask in '), seg('#eng', ['c']), seg('.')]),
            ],
          },
          {
            key: 'column-right',
            type: 'column',
            format: { column_ratio: 0.5 },
            children: [
              { key: 'column-right-title', type: 'sub_sub_header', title: plain('People') },
              text('column-right-text', [seg('Ask '), userMention(IDS.owner), seg('.')]),
            ],
          },
        ],
      },
      { key: 'toc', type: 'table_of_contents', format: { block_color: 'gray' } },
      meetingNotes(),
      {
        key: 'tasks',
        id: IDS.tasksBlock,
        type: 'collection_view',
        format: { collection_pointer: { id: IDS.tasksCollection, spaceId: IDS.space, table: 'collection' } },
        extra: {
          collection_id: IDS.tasksCollection,
          view_ids: [IDS.tableView, IDS.boardView, IDS.calendarView],
        },
      },
    ],
  }
}

function meetingNotes(): BlockSpec {
  return {
    key: 'meeting-notes',
    id: IDS.meetingNotes,
    type: 'page',
    author: 'member',
    title: plain('Meeting notes'),
    format: { page_icon: '🗒️' },
    children: [
      { key: 'mn-weekly', type: 'header', author: 'member', title: [seg('Weekly sync, '), dateMention({ type: 'date', start_date: '2024-03-11' })] },
      { ...text('mn-attendees', [seg('Attendees: '), userMention(IDS.owner), seg(', '), userMention(IDS.member)]), author: 'member' },
      { key: 'mn-decided', type: 'bulleted_list', author: 'member', title: [seg('Decided: ', ['b']), seg('release every Thursday')] },
      { key: 'mn-roadmap', type: 'bulleted_list', author: 'member', title: [seg('Q2 roadmap draft is in '), pageMention(IDS.tasksBlock)] },
      { key: 'mn-todo-ci', type: 'to_do', author: 'member', title: plain('Grace: finish the CI pipeline'), properties: { checked: plain('Yes') } },
      { key: 'mn-todo-guide', type: 'to_do', author: 'member', title: plain('Ada: review the onboarding guide'), properties: { checked: plain('No') } },
    ],
  }
}

type Option = { id: string; value: string; color: string }

function options(property: string, entries: [value: string, color: string][]): Option[] {
  return entries.map(([value, color]) => ({ id: demoId(`option/${property}/${value}`), value, color }))
}

function tasksSchema(): RecordValue {
  return {
    title: { name: 'Name', type: 'title' },
    [P.status]: {
      name: 'Status',
      type: 'select',
      options: options('status', [
        ['Not started', 'gray'],
        ['In progress', 'blue'],
        ['Done', 'green'],
      ]),
    },
    [P.tags]: {
      name: 'Tags',
      type: 'multi_select',
      options: options('tags', [
        ['docs', 'blue'],
        ['onboarding', 'green'],
        ['bug', 'red'],
        ['planning', 'purple'],
        ['infra', 'gray'],
        ['design', 'pink'],
        ['research', 'yellow'],
      ]),
    },
    [P.assignee]: { name: 'Assignee', type: 'person' },
    [P.due]: { name: 'Due', type: 'date' },
    [P.estimate]: { name: 'Estimate', type: 'number', number_format: 'number' },
    [P.urgent]: { name: 'Urgent', type: 'checkbox' },
    [P.link]: { name: 'Link', type: 'url' },
    [P.notes]: { name: 'Notes', type: 'text' },
    [P.blockedBy]: { name: 'Blocked by', type: 'relation', collection_id: IDS.tasksCollection },
    [P.created]: { name: 'Created', type: 'created_time' },
  }
}

interface TaskRow {
  key: string
  name: string
  status?: string
  tags?: string[]
  assignees?: string[]
  due?: Record<string, unknown>
  estimate?: number
  urgent?: boolean
  link?: string
  notes?: RichText
  blockedBy?: string[]
  children?: BlockSpec[]
  author?: 'owner' | 'member'
}

const rowId = (key: string): string => demoId(`row/${key}`)

const TASKS: TaskRow[] = [
  {
    key: 'onboarding-guide',
    name: 'Write onboarding guide',
    status: 'In progress',
    tags: ['docs', 'onboarding'],
    assignees: [IDS.owner],
    due: { type: 'date', start_date: '2024-03-15' },
    estimate: 3,
    urgent: true,
    link: 'https://example.com/onboarding',
    notes: [seg('First draft is '), seg('in review', ['b'])],
    children: [
      text('row-guide-intro', plain('Outline: accounts, laptop, first task, who to ask.')),
      { key: 'row-guide-todo', type: 'to_do', title: plain('Add screenshots'), properties: { checked: plain('No') } },
    ],
  },
  {
    key: 'login-bug',
    name: 'Fix login redirect bug',
    status: 'Not started',
    tags: ['bug'],
    assignees: [IDS.member],
    due: { type: 'date', start_date: '2024-03-12' },
    estimate: 1,
    urgent: true,
    notes: plain('Users land on a blank page after signing in with SSO.'),
    author: 'member',
  },
  {
    key: 'q2-roadmap',
    name: 'Plan Q2 roadmap',
    status: 'In progress',
    tags: ['planning'],
    assignees: [IDS.owner, IDS.member],
    due: { type: 'daterange', start_date: '2024-03-18', end_date: '2024-03-22' },
    estimate: 5,
    urgent: false,
  },
  {
    key: 'ci-pipeline',
    name: 'Set up CI pipeline',
    status: 'Done',
    tags: ['infra'],
    assignees: [IDS.member],
    due: { type: 'date', start_date: '2024-03-01' },
    estimate: 2,
    urgent: false,
    link: 'https://github.com/acme/handbook/actions',
    author: 'member',
  },
  {
    key: 'logo',
    name: 'Design new logo',
    status: 'Not started',
    tags: ['design'],
    estimate: 8,
  },
  {
    key: 'dependencies',
    name: 'Update dependencies',
    status: 'Done',
    tags: ['infra'],
    assignees: [IDS.owner],
    due: { type: 'date', start_date: '2024-02-28' },
    estimate: 0.5,
    urgent: false,
  },
  {
    key: 'interviews',
    name: 'Customer interviews',
    status: 'In progress',
    tags: ['research', 'planning'],
    assignees: [IDS.member],
    due: { type: 'datetime', start_date: '2024-03-14', start_time: '10:00', time_zone: 'Europe/London' },
    estimate: 1.5,
    notes: [seg('Five calls booked; notes in '), pageMention(IDS.meetingNotes)],
    author: 'member',
  },
  {
    key: 'database-migration',
    name: 'Migrate database',
    status: 'Not started',
    tags: ['infra'],
    assignees: [IDS.owner],
    due: { type: 'date', start_date: '2024-04-02' },
    estimate: 13,
    urgent: false,
    blockedBy: [rowId('ci-pipeline')],
  },
]

/** A row's values in the stored format: every property is rich text (docs/protocol.md#rich-text-format). */
function rowProperties(task: TaskRow): Record<string, RichText> {
  const properties: Record<string, RichText> = { title: plain(task.name) }
  if (task.status) properties[P.status] = plain(task.status)
  if (task.tags) properties[P.tags] = plain(task.tags.join(','))
  if (task.assignees) {
    properties[P.assignee] = task.assignees.flatMap((id, index) => (index === 0 ? [userMention(id)] : [seg(','), userMention(id)]))
  }
  if (task.due) properties[P.due] = [dateMention(task.due)]
  if (task.estimate !== undefined) properties[P.estimate] = plain(String(task.estimate))
  if (task.urgent !== undefined) properties[P.urgent] = plain(task.urgent ? 'Yes' : 'No')
  if (task.link) properties[P.link] = [seg(task.link, ['a', task.link])]
  if (task.notes) properties[P.notes] = task.notes
  if (task.blockedBy) {
    properties[P.blockedBy] = task.blockedBy.flatMap((id, index) => (index === 0 ? [pageMention(id)] : [seg(','), pageMention(id)]))
  }
  return properties
}

function writeTasks(writer: DemoWriter): void {
  const rowIds = TASKS.map((task) =>
    writer.block(
      {
        key: `row/${task.key}`,
        id: rowId(task.key),
        type: 'page',
        properties: rowProperties(task),
        ...(task.children ? { children: task.children } : {}),
        ...(task.author ? { author: task.author } : {}),
      },
      IDS.tasksCollection,
      'collection',
    ),
  )
  writer.put('collection', {
    id: IDS.tasksCollection,
    name: plain('Tasks'),
    description: plain('What the team is working on.'),
    icon: '✅',
    schema: tasksSchema(),
    format: {
      collection_page_properties: [P.status, P.assignee, P.due, P.tags, P.estimate, P.urgent, P.link, P.notes, P.blockedBy].map(
        (property) => ({ property, visible: true }),
      ),
    },
    parent_id: IDS.tasksBlock,
    parent_table: 'block',
    alive: true,
    space_id: IDS.space,
    migrated: false,
    ...writer.audit(),
  })
  const view = (id: string, type: string, name: string, format: RecordValue, query2: RecordValue): void =>
    writer.put('collection_view', {
      id,
      type,
      name,
      format: { ...format, collection_pointer: { id: IDS.tasksCollection, spaceId: IDS.space, table: 'collection' } },
      query2,
      page_sort: rowIds,
      parent_id: IDS.tasksBlock,
      parent_table: 'block',
      alive: true,
      space_id: IDS.space,
      ...writer.audit(),
    })
  view(
    IDS.tableView,
    'table',
    'All tasks',
    {
      table_wrap: true,
      table_properties: [
        { property: 'title', visible: true, width: 260 },
        { property: P.status, visible: true, width: 140 },
        { property: P.assignee, visible: true, width: 160 },
        { property: P.due, visible: true, width: 160 },
        { property: P.tags, visible: true, width: 180 },
        { property: P.estimate, visible: true, width: 100 },
        { property: P.urgent, visible: true, width: 90 },
        { property: P.link, visible: false, width: 200 },
        { property: P.notes, visible: true, width: 240 },
        { property: P.blockedBy, visible: false, width: 160 },
        { property: P.created, visible: false, width: 180 },
      ],
    },
    { aggregations: [{ property: 'title', aggregator: 'count' }, { property: P.estimate, aggregator: 'sum' }] },
  )
  view(
    IDS.boardView,
    'board',
    'By status',
    {
      board_columns_by: { type: 'select', property: P.status, sort: { type: 'manual' }, hideEmptyGroups: false },
      board_columns: ['Not started', 'In progress', 'Done'].map((value) => ({
        hidden: false,
        property: P.status,
        value: { type: 'select', value },
      })),
      board_cover: { type: 'page_cover' },
      board_properties: [
        { property: P.assignee, visible: true },
        { property: P.due, visible: true },
        { property: P.tags, visible: true },
      ],
    },
    { group_by: P.status, aggregations: [{ aggregator: 'count' }] },
  )
  view(
    IDS.calendarView,
    'calendar',
    'Calendar',
    { calendar_properties: [{ property: 'title', visible: true }, { property: P.assignee, visible: true }] },
    { calendar_by: P.due },
  )
}

function writeDiscussion(writer: DemoWriter): void {
  const comments = [demoId('comment/rich-text/1'), demoId('comment/rich-text/2')]
  writer.put('discussion', {
    id: IDS.discussion,
    parent_id: IDS.richText,
    parent_table: 'block',
    resolved: false,
    context: plain('everything'),
    comments,
    space_id: IDS.space,
    alive: true,
  })
  const comment = (id: string, author: 'owner' | 'member', body: RichText): void =>
    writer.put('comment', {
      id,
      alive: true,
      parent_id: IDS.discussion,
      parent_table: 'discussion',
      text: body,
      space_id: IDS.space,
      ...writer.audit(author),
    })
  comment(comments[0]!, 'member', [seg('Should we link the '), pageMention(IDS.meetingNotes), seg(' here too?')])
  comment(comments[1]!, 'owner', plain('Good idea, done.'))
}

function demoWorkspaceOf(ownerToken: string, memberToken: string): DemoWorkspace {
  return {
    ownerId: IDS.owner,
    ownerEmail: DEMO_OWNER.email,
    ownerToken,
    memberId: IDS.member,
    memberEmail: DEMO_MEMBER.email,
    memberToken,
    spaceId: IDS.space,
    homePageId: IDS.home,
    meetingNotesPageId: IDS.meetingNotes,
    tasksBlockId: IDS.tasksBlock,
    tasksCollectionId: IDS.tasksCollection,
    tasksViewIds: { table: IDS.tableView, board: IDS.boardView, calendar: IDS.calendarView },
  }
}

/**
 * Seeds the demo workspace "Acme" into an emulator database: Ada (owner) and Grace (editor), the
 * "Acme Handbook" page with one block of every common type, a "Meeting notes" sub-page, an inline
 * "Tasks" database (table, board and calendar views, eight rows) and a comment thread.
 * Ids and timestamps are fixed; only the users' tokens (and space_view ids) are new on each seed.
 */
export function seedDemoWorkspace(emulator: EmulatorContext): DemoWorkspace {
  return emulator.records.transaction(() => {
    const writer = new DemoWriter(emulator)
    // The space comes first with no members: createUser then adds each one with their space_view.
    writer.put('space', {
      id: IDS.space,
      name: 'Acme',
      domain: 'acme',
      icon: '🏢',
      pages: [IDS.home],
      permissions: [],
      plan_type: 'team',
      beta_enabled: false,
      invite_link_enabled: true,
      disable_export: false,
      disable_guests: false,
      disable_move_to_space: false,
      disable_public_access: false,
      ...writer.audit(),
    })
    const owner = emulator.accounts.createUser({ ...DEMO_OWNER, userId: IDS.owner, spaceId: IDS.space, role: 'editor' })
    const member = emulator.accounts.createUser({ ...DEMO_MEMBER, userId: IDS.member, spaceId: IDS.space, role: 'editor' })
    writer.block(homePage(), IDS.space, 'space')
    writeTasks(writer)
    writeDiscussion(writer)
    return demoWorkspaceOf(owner.tokenV2, member.tokenV2)
  })
}

function firstToken(emulator: EmulatorContext, userId: string): string | undefined {
  const row = emulator.db
    .prepare<[string], { token: string }>('SELECT token FROM tokens WHERE user_id = ? ORDER BY created_at, rowid LIMIT 1')
    .get(userId)
  return row?.token
}

/**
 * The demo workspace of a database seeded before (a reopened file), read back without writing;
 * undefined when the database holds no demo. A demo user whose tokens were all removed gets a new one.
 */
export function findDemoWorkspace(emulator: EmulatorContext): DemoWorkspace | undefined {
  const { records } = emulator
  if (!records.get('block', IDS.home) || !records.get('space', IDS.space)) return undefined
  if (!records.get('notion_user', IDS.owner) || !records.get('notion_user', IDS.member)) return undefined
  const ownerToken = firstToken(emulator, IDS.owner) ?? emulator.accounts.createUser({ email: DEMO_OWNER.email }).tokenV2
  const memberToken = firstToken(emulator, IDS.member) ?? emulator.accounts.createUser({ email: DEMO_MEMBER.email }).tokenV2
  return demoWorkspaceOf(ownerToken, memberToken)
}
