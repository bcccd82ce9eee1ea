import type { JSX } from 'preact'
import { render } from 'preact'
import { DashboardConnection } from './connection.js'
import { DatabaseView } from './DatabaseView.js'
import { Edits } from './edits.js'
import { ConnectionContext, EditsContext, ReadOnlyContext, useEdits, useStatus } from './hooks.js'
import { PageView } from './PageView.js'

interface RootInfo {
  root: { kind: 'page' | 'database'; channel: string; title: string }
  readOnly: boolean
}

const STATUS_TEXT: Record<string, string> = { live: 'Live', reconnecting: 'Reconnecting…', polling: 'Polling', connecting: 'Connecting…', closed: 'Offline', offline: 'Offline' }

function StatusBadge(): JSX.Element {
  const { status, readOnly } = useStatus()
  return (
    <div class="status-bar">
      {readOnly ? <span class="read-only">Read-only</span> : null}
      <span class={`status status-${status}`} data-status={status}>{STATUS_TEXT[status] ?? status}</span>
    </div>
  )
}

function Failures(): JSX.Element {
  const edits = useEdits()
  return (
    <div class="toasts" aria-live="polite">
      {edits.failures.map((failure) => (
        <div key={failure.id} class="toast error" role="alert">
          <strong>Edit rolled back.</strong> {failure.message}
          <button type="button" onClick={() => edits.dismiss(failure.id)} aria-label="Dismiss">×</button>
        </div>
      ))}
    </div>
  )
}

function App({ info }: { info: RootInfo }): JSX.Element {
  const params = new URLSearchParams(location.search)
  const viewParam = params.get('view')
  const rootView = info.root.channel.slice('view:'.length)
  return (
    <div class="app">
      <header class="app-bar">
        <span class="app-name">notion-rx dashboard</span>
        <StatusBadge />
      </header>
      <main>
        {info.root.kind === 'page' ? (
          <PageView channel={info.root.channel} />
        ) : (
          <DatabaseView initialView={viewParam && /^[0-9a-f-]{36}$/.test(viewParam) ? viewParam : rootView} initialMonth={params.get('month') ?? undefined} isRoot />
        )}
      </main>
      <Failures />
    </div>
  )
}

const info = JSON.parse(document.getElementById('dashboard-root')?.textContent ?? '{}') as RootInfo
const connection = new DashboardConnection()
const edits = new Edits(connection)
connection.connect()
render(
  <ConnectionContext.Provider value={connection}>
    <EditsContext.Provider value={edits}>
      <ReadOnlyContext.Provider value={info.readOnly !== false}>
        <App info={info} />
      </ReadOnlyContext.Provider>
    </EditsContext.Provider>
  </ConnectionContext.Provider>,
  document.getElementById('app')!,
)
