import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js'
import type { JSX } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import type { ChartModel } from '../src/viewModel.js'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip)

/** Notion's option colours, as bar colours. */
const COLORS: Record<string, string> = {
  default: '#9b9a97', gray: '#9b9a97', brown: '#a27763', orange: '#e9a23b', yellow: '#dfab01', green: '#4dab9a',
  blue: '#529cca', purple: '#9a6dd7', pink: '#e255a1', red: '#e03e3e',
}

/** A bar chart of a grouped aggregation, updated in place as the view's rows change. */
export function ChartPanel({ chart }: { chart: ChartModel }): JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null)
  const instance = useRef<Chart<'bar'> | undefined>(undefined)
  useEffect(() => {
    if (!canvas.current) return
    instance.current = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: [], datasets: [{ label: 'rows', data: [] }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    })
    return () => instance.current?.destroy()
  }, [])
  useEffect(() => {
    const current = instance.current
    if (!current) return
    current.data.labels = chart.labels
    const dataset = current.data.datasets[0]!
    dataset.data = chart.values
    dataset.backgroundColor = chart.colors.map((color) => COLORS[color] ?? COLORS['default']!)
    current.update('none')
  }, [chart])
  return (
    <div class="chart-panel">
      <div class="chart-title">{chart.title}</div>
      <div class="chart-values" hidden>{chart.labels.map((label, index) => <span key={label} data-label={label}>{chart.values[index]}</span>)}</div>
      <div class="chart-canvas"><canvas ref={canvas} /></div>
    </div>
  )
}
