/**
 * Flow history recording benchmark, on the embedded database (or a PostgreSQL server with
 * BENCH_DATABASE_URL=postgres://…):
 *
 *   npm run bench:history            # 100,000 flows in one channel, 1,000 of them changed
 *   BENCH_FLOWS=20000 BENCH_CHANGED=200 npm run bench:history
 *
 * Through the store's own sync path (recordList for a channel's list, recordDetail for the
 * details the sync then fetches): a first sync of every flow (first sightings), a sync where
 * nothing changed (target: no history rows), and a sync where BENCH_CHANGED flows changed (half
 * their status, half their name; target: exactly that many rows, and none more from their
 * details). Prints each figure beside its target; exits 1 when a target is missed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { makeFlowDetail, type FlowSummary } from '../src/model/flow';
import { openDatabase } from '../server/store/engine';
import { createStore } from '../server/store/store';

const FLOWS = Number(process.env.BENCH_FLOWS ?? 100_000);
const CHANGED = Number(process.env.BENCH_CHANGED ?? 1_000);
if (!Number.isInteger(FLOWS) || FLOWS < 1 || !Number.isInteger(CHANGED) || CHANGED < 0 || CHANGED > FLOWS) {
  console.error('BENCH_FLOWS must be a positive whole number and BENCH_CHANGED a whole number up to it.');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'flowdesk-bench-history-'));
const db = await openDatabase(process.env.BENCH_DATABASE_URL ? { databaseUrl: process.env.BENCH_DATABASE_URL } : { dataDir: dir });
const store = createStore(db);
const ref = { accountId: 'bench', channelId: `bench-${Date.now()}` };
const rows = async () => Number((await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM flow_history WHERE account_id = ${ref.accountId} AND channel_id = ${ref.channelId}`))[0]!.n);
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes)).toISOString();

const flows: FlowSummary[] = Array.from({ length: FLOWS }, (_, i) => ({ id: String(1_000_000_000 + i), name: `Flow ${i}`, status: i % 3 ? 'PUBLISHED' : 'DRAFT' }));
let failed = false;
const report = (what: string, ms: number, written: number, target: number) => {
  const ok = written === target;
  failed ||= !ok;
  console.log(`${what.padEnd(52)} ${String(Math.round(ms)).padStart(7)} ms   history rows ${String(written).padStart(7)}   target ${String(target).padStart(7)}   ${ok ? 'ok' : 'MISSED'}`);
};

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

try {
  console.log(`Flow history recording: ${FLOWS.toLocaleString('en')} flows, ${CHANGED.toLocaleString('en')} changed, on ${db.engine}\n`);
  let before = await rows();
  let [ms] = await timed(() => store.recordList(ref, 'bench', flows, at(0)));
  report(`first sync: ${FLOWS.toLocaleString('en')} flows first seen`, ms, (await rows()) - before, FLOWS);

  before = await rows();
  [ms] = await timed(() => store.recordList(ref, 'bench', flows, at(10)));
  report(`sync of ${FLOWS.toLocaleString('en')} unchanged flows`, ms, (await rows()) - before, 0);

  // Spread over the channel: every (FLOWS / CHANGED)-th flow; half change status, half their name.
  const step = Math.max(1, Math.floor(FLOWS / Math.max(CHANGED, 1)));
  const changed = new Set(Array.from({ length: CHANGED }, (_, k) => k * step));
  const next = flows.map((f, i) => (!changed.has(i) ? f : i % 2 === 0 ? { ...f, status: f.status === 'BLOCKED' ? 'PUBLISHED' : 'BLOCKED' } : { ...f, name: `${f.name} (renamed)` }));
  before = await rows();
  [ms] = await timed(() => store.recordList(ref, 'bench', next, at(20)));
  report(`sync where ${CHANGED.toLocaleString('en')} flows changed (list)`, ms, (await rows()) - before, CHANGED);

  // The sync then fetches the changed flows' details: the list already recorded their change.
  before = await rows();
  [ms] = await timed(async () => {
    for (const i of changed) await store.recordDetail(ref, 'bench', makeFlowDetail({ id: next[i]!.id, name: next[i]!.name, status: next[i]!.status }), at(21));
  });
  report(`  … and their ${CHANGED.toLocaleString('en')} details`, ms, (await rows()) - before, 0);

  before = await rows();
  [ms] = await timed(() => store.recordList(ref, 'bench', next, at(30)));
  report(`sync of the same ${FLOWS.toLocaleString('en')} flows again`, ms, (await rows()) - before, 0);
} finally {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
if (failed) {
  console.error('\nA target was missed.');
  process.exit(1);
}
