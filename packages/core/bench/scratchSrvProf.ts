import { Session } from 'node:inspector/promises'
import { request } from 'node:http'
import { startEmulator } from '@notion-rx/emulator'
import { seedPage } from './seedPage.js'
const emu = await startEmulator({ port: 0, db: ':memory:' })
const user = emu.createUser({ email: 'b@example.com' })
const pageId = seedPage(emu, user.spaceId, 'deep', 10000)
const all: string[] = []
const walk = (id: string) => { const r: any = emu.context.records.get('block', id); all.push(id); for (const c of r?.value?.content ?? r?.content ?? []) walk(c) }
walk(pageId)
const forms: Record<string, string> = {
  pointer: JSON.stringify({ requests: all.map((id) => ({ pointer: { table: 'block', id }, version: -1 })) }),
  flat: JSON.stringify({ requests: all.map((id) => ({ table: 'block', id, version: -1 })) }),
}
const post = (body: string) => new Promise<number>((resolve) => {
  const s = performance.now()
  const r = request(`${emu.apiUrl}/syncRecordValuesMain`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `token_v2=${user.tokenV2}`, 'content-length': Buffer.byteLength(body) } }, (res) => { res.resume(); res.on('end', () => resolve(performance.now() - s)) })
  r.end(body)
})
const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!
const t: Record<string, number[]> = { pointer: [], flat: [] }
for (let i = 0; i < 25; i++) for (const k of ['pointer', 'flat']) t[k]!.push(await post(forms[k]!))
console.log('pointer', med(t['pointer']!).toFixed(1), 'flat', med(t['flat']!).toFixed(1))
const form = process.env['FORM'] ?? 'pointer'
const session = new Session(); session.connect(); await session.post('Profiler.enable'); await session.post('Profiler.setSamplingInterval', { interval: 100 }); await session.post('Profiler.start')
for (let i = 0; i < 20; i++) await post(forms[form]!)
const { profile } = await session.post('Profiler.stop')
const self = new Map<string, number>(); const byId = new Map(profile.nodes.map((n) => [n.id, n])); let tot = 0
profile.samples!.forEach((id, i) => { const n = byId.get(id)!; const d = profile.timeDeltas![i + 1] ?? 0; const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}`; self.set(k, (self.get(k) ?? 0) + d); tot += d })
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 22)) console.log((v / 20 / 1000).toFixed(2).padStart(7), 'ms/req', k)
await emu.close()
