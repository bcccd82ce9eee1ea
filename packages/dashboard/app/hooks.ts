import { createContext } from 'preact'
import { useContext, useEffect, useState } from 'preact/hooks'
import type { ChannelModel } from '../src/viewModel.js'
import type { DashboardConnection, TabStatus } from './connection.js'
import type { Edits } from './edits.js'

export const ConnectionContext = createContext<DashboardConnection | undefined>(undefined)
export const EditsContext = createContext<Edits | undefined>(undefined)
/** Whether the dashboard refuses edits (fixed for the page's life: it comes with the page). */
export const ReadOnlyContext = createContext(true)

/** Read from a context, so that cells do not re-render on every event of the connection. */
export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext)
}

/** A function that renders the component again. */
function useRedraw(): () => void {
  const [, setTick] = useState(0)
  return () => setTick((tick) => tick + 1)
}

export function useConnection(): DashboardConnection {
  const connection = useContext(ConnectionContext)
  if (!connection) throw new Error('No dashboard connection')
  return connection
}

export function useEdits(): Edits {
  const edits = useContext(EditsContext)
  if (!edits) throw new Error('No edits')
  const redraw = useRedraw()
  useEffect(() => edits.subscribe(redraw), [edits])
  return edits
}

/** Re-renders on every event of the connection. */
function useConnectionUpdates(connection: DashboardConnection): void {
  const redraw = useRedraw()
  useEffect(() => connection.subscribe(redraw), [connection])
}

/** A channel's current model (subscribed while the component is mounted). */
export function useChannel(channel: string): { model: ChannelModel | undefined; error: string | undefined } {
  const connection = useConnection()
  useConnectionUpdates(connection)
  useEffect(() => connection.want(channel), [connection, channel])
  return { model: connection.models.get(channel), error: connection.errors.get(channel) }
}

export function useStatus(): { status: TabStatus; readOnly: boolean } {
  const connection = useConnection()
  useConnectionUpdates(connection)
  return { status: connection.status, readOnly: connection.readOnly }
}
