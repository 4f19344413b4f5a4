/**
 * Benchmark of the flow history JSON diff: two 10 MB versions of one flow that differ in 100
 * places, compared on the flow page in headless Chromium.
 *
 *   npm run bench:diff                       # builds the app and the server first
 *   npx tsx scripts/bench-diff.ts --no-build [--runs 3] [--view compare|split|unified|whole] [--json] [--trace <dir>]
 *
 * How it works: the two versions are recorded straight into a fresh flow index (PGlite in a
 * temporary directory, store.recordJson, as a sync records a downloaded JSON), then their
 * comparison is prepared as the server does when a sync records a new version (the changed
 * lines, computed once in a worker thread and kept in the index), then the production server is
 * started on that directory (loopback, simulator accounts, no background sync) behind a small
 * front server, and a fresh headless Chromium, once it has opened a warm-up page (a fresh
 * Chromium takes 1 to 4 s to send its first request), opens the REAL flow page:
 * - compare (the target): `/accounts/8x8/channels/<channel>/flows/<flow>?view=history`; once the
 *   page has loaded and settled, the page script clicks "Compare with the previous version": the
 *   page asks for the changed lines (…/json-changes/<older>/<newer>) and draws them;
 * - split, unified (for information): the comparison's deep link,
 *   `…?view=diff&from=<older sha256>&to=<newer sha256>` (and `&layout=unified`), in that fresh
 *   browser: the app's code is fetched, compiled and started, then the diff drawn;
 * - whole (for information): the deep link with `&whole=1`: both 10 MB versions downloaded,
 *   compared in the diff worker, shown in the merge view.
 * The flow id is one the simulator does not have, so the flow's details and current JSON do not
 * load: the figures are those of the History section alone.
 *
 * Figures (median of --runs fresh pages per view; a view whose first page takes over 20 s
 * to paint is not run again), from the click, or from the navigation's start for a deep link:
 * - first painted diff screen: to the first frame painted with a changed line (`[data-diff]`) in
 *   the diff (target ≤ 500 ms); also split at the last byte of the comparison's answer (Resource
 *   Timing `responseEnd`; for the whole documents, of the second version): the page's part,
 *   answer in → diff painted; and when the page asked for it (Resource Timing `startTime`);
 * - longest main-thread task (PerformanceObserver 'longtask', from the click or the navigation
 *   to 2 s after the first painted diff; browsers report no task under 50 ms) (target ≤ 200 ms);
 * - the server's part: comparing the pair once (in the worker thread, when the newer version is
 *   recorded; a pair never compared before costs this on its first request), GET
 *   …/json-changes/… of the stored comparison, and GET …/json/<sha256> of each version alone
 *   (what the whole documents download), from Node, after the pages;
 * - JSON.parse of one side (the newer text), in the same page, median of 5, for scale;
 * - changed lines in the page: elements marked `data-diff` once painted (a precise diff with the
 *   unchanged stretches collapsed has a few dozen at most; more means the diff gave up and
 *   marked large parts of the documents as changed).
 *
 * Each page is a fresh Chromium process with nothing attached to it, as a support agent's browser
 * (as bench-viewer.ts): no DevTools protocol client. An earlier version drove the page through
 * Playwright; DevTools then keeps its own copy of each 10 MB answer, on the page's main thread,
 * which showed as tasks of about a second each while the versions arrived on a loaded machine.
 * The figures come from a script the front server puts first in the app's HTML (same origin, so
 * the app's CSP allows it), which posts them back to the front server; the front server passes
 * every other request on to the production server (the versions too, streamed).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, closeBrowser, freePort, proxyWithInstrument, RESULT_PATH, serveRun, serveWarmUp, stopServer, traceArgs, traceWritten, warmUrl, type BenchRun } from './bench-front';
import { createDiffWorker, createJsonDiffs } from '../server/json-diffs';
import { bigMinifiedFlow } from '../src/lib/json-positions/fixtures/big-flow';
import { openDatabase } from '../server/store/engine';
import { createStore } from '../server/store/store';

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 3;
const BUILD = !args.includes('--no-build');
const AS_JSON = args.includes('--json');
/**
 * The views measured. The target is the comparison asked for on the open flow page: from the click
 * to the diff painted, what the diff of the two 10 MB versions costs. From a deep link in a fresh
 * browser the time also counts the browser fetching, compiling and starting the whole app (about
 * the same for a one-line flow), so those figures are printed for information, with that part
 * split out; as are the whole documents (both versions downloaded and compared in the page).
 */
const VIEWS = [
  { name: 'compare', label: 'Changed lines, side by side, "Compare with the previous version" clicked on the open flow page', query: '', click: true, target: true },
  { name: 'split', label: 'Changed lines, side by side, from a deep link in a fresh browser (for information)', query: '', click: false, target: false },
  { name: 'unified', label: 'Changed lines, unified, from a deep link in a fresh browser (for information)', query: '&layout=unified', click: false, target: false },
  { name: 'whole', label: 'Whole documents, side by side, from a deep link in a fresh browser (for information)', query: '&whole=1', click: false, target: false },
] as const;
/** `--view compare|split|unified|whole`: one view only (quicker while working on one). */
const ONLY = args.includes('--view') ? args[args.indexOf('--view') + 1] : null;
/** `--trace <dir>`: each page's browser writes a Chromium trace there (bench-front.ts). */
const TRACE_DIR = args.includes('--trace') ? args[args.indexOf('--trace') + 1] : null;
const ROOT = new URL('..', import.meta.url).pathname;
/** The simulator's demo account and its first channel; a flow id the simulator does not have. */
const ACCOUNT = '8x8';
const CHANNEL = 'ec36a867-3dd4-e911-814a-02d85f55fce8';
const FLOW_ID = '7770000000101';
const MAX_BYTES = 10 * 1024 * 1024;
const CHANGES = 100;
const TARGET_PAINT_MS = 500;
const TARGET_TASK_MS = 200;
/** A view whose first run paints after this long is not run again. */
const SLOW_MS = 20_000;

// ---------------------------------------------------------------- the two versions

/** A pretty-printed flow just under Meta's 10 MB cap (room left for the edits). */
function olderVersion(): string {
  let target = 5_000_000;
  for (let i = 0; i < 6; i++) {
    const pretty = JSON.stringify(JSON.parse(bigMinifiedFlow(target)), null, 2);
    const bytes = Buffer.byteLength(pretty);
    if (bytes <= MAX_BYTES - 4096 && bytes > MAX_BYTES * 0.97) return pretty;
    target = Math.floor((target * MAX_BYTES * 0.98) / bytes);
  }
  throw new Error('could not size the document');
}

/** The same text with CHANGES string values edited, on lines spread evenly over the document. */
function newerVersion(older: string): string {
  const lines = older.split('\n');
  const candidates: number[] = [];
  lines.forEach((line, i) => {
    if (/^\s*"[^"]+": "[^"]*",?$/.test(line)) candidates.push(i);
  });
  if (candidates.length < CHANGES) throw new Error('not enough string values to edit');
  for (let k = 0; k < CHANGES; k++) {
    const i = candidates[Math.floor(((k + 0.5) * candidates.length) / CHANGES)]!;
    lines[i] = lines[i]!.replace(/"(,?)$/, ` (edit ${k + 1})"$1`);
  }
  const text = lines.join('\n');
  JSON.parse(text);
  return text;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Records both versions in the index in `dir` (before the server opens it: one process per data
 * directory), and prepares their comparison as the server does once a sync recorded the newer
 * one (server/proxy.ts → json-diffs.ts). Returns how long that comparison took.
 */
async function seed(dir: string, older: string, newer: string): Promise<number> {
  const db = await openDatabase({ dataDir: dir });
  const worker = createDiffWorker();
  try {
    const store = createStore(db);
    const ref = { accountId: ACCOUNT, channelId: CHANNEL };
    await store.recordJson(ref, FLOW_ID, sha256(older), older, new Date(Date.now() - 3_600_000).toISOString(), 'sync', '8x8');
    await store.recordJson(ref, FLOW_ID, sha256(newer), newer, new Date().toISOString(), 'sync', '8x8');
    const t = performance.now();
    if ((await createJsonDiffs(store.history, worker).get(ref, FLOW_ID, sha256(older), sha256(newer))) === null) throw new Error('the comparison found no stored versions');
    return performance.now() - t;
  } finally {
    await worker.close();
    await db.close();
  }
}

// ---------------------------------------------------------------- server

async function startServer(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The production server, as `npm start` runs it (built by `npm run build`).
  const child = spawn(process.execPath, ['dist-server/main.mjs'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), FLOWDESK_DATA_DIR: dataDir, DATABASE_URL: '', FLOWDESK_CONFIG: '', FLOWDESK_SYNC_INTERVAL_S: '0', EIGHTXEIGHT_API_KEY: '', KALEYRA_API_KEY: '' },
    // BENCH_SERVER_LOG=<file>: the server's log (a line per request, with its time) goes there.
    stdio: ['ignore', process.env.BENCH_SERVER_LOG ? openSync(process.env.BENCH_SERVER_LOG, 'w') : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  // Up to 2 minutes (a busy machine).
  for (let i = 0; i < 480; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${stderr}`);
    try {
      if ((await fetch(`${base}/api/accounts`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error('the server did not start within 2 minutes');
}

// ---------------------------------------------------------------- one page

interface Run {
  firstDiffMs: number;
  textsInMs: number;
  /** Navigation → the first of the two versions requested (the app's start). */
  requestedMs: number;
  pageMs: number;
  longestTaskMs: number;
  jsonParseMs: number;
  changedLinesOnScreen: number;
}


/**
 * The page script (a same-origin classic script the front server puts first in the app's HTML, so
 * the app's CSP allows it): records long tasks and the first frame painted with a changed line in
 * the diff, then, 2 s later, reads the figures and posts them to the front server. A string: the
 * bundler's `__name` helper does not exist in the page.
 *
 * From a deep link the figures count from the navigation's start. With `click` (the page opened on
 * its History section, `?view=history`), the script waits for the "Compare with the previous
 * version" button to be enabled and the page to have loaded and settled (1.5 s without a long
 * task, at most 10 s), clicks it, and the figures count from the click: the comparison is asked
 * for, answered and drawn in a page already open, as an agent does.
 */
const pageScript = (newerSha: string, click: boolean) => `(() => {
  const bench = { longTasks: [], firstDiffAt: null, clickedAt: 0, problems: [] };
  addEventListener('error', (e) => bench.problems.push(String(e.message)));
  addEventListener('unhandledrejection', (e) => bench.problems.push(String(e.reason)));
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const post = (body) => fetch('${RESULT_PATH}', { method: 'POST', body: JSON.stringify(body) });
  const timeout = setTimeout(() => post({ error: 'no diff painted within 90 s', problems: bench.problems }), 90000);
  const figures = async () => {
    const t0 = bench.clickedAt;
    const painted = bench.firstDiffAt;
    await new Promise((r) => setTimeout(r, 2000));
    // The comparison's answer, or (whole documents) the two versions.
    const answers = performance.getEntriesByType('resource').filter((e) => e.startTime >= t0 && /\\/json(-changes\\/[0-9a-f]{64})?\\/[0-9a-f]{64}$/.test(e.name));
    const textsIn = answers.length ? Math.max(...answers.map((e) => e.responseEnd)) : NaN;
    const requested = answers.length ? Math.min(...answers.map((e) => e.startTime)) : NaN;
    const longestTaskMs = Math.max(0, ...bench.longTasks.filter((t) => t.start + t.duration >= t0 && t.start <= painted + 2000).map((t) => t.duration));
    const changedLinesOnScreen = document.querySelectorAll('[data-testid="json-diff"] [data-diff]').length;
    const text = await (await fetch('/api' + location.pathname + '/json/${newerSha}')).text();
    const parses = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      JSON.parse(text);
      parses.push(performance.now() - t);
    }
    parses.sort((a, b) => a - b);
    return { firstDiffMs: painted - t0, textsInMs: textsIn - t0, requestedMs: requested - t0, pageMs: painted - textsIn, longestTaskMs, jsonParseMs: parses[2], changedLinesOnScreen };
  };
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-testid="json-diff"] [data-diff]')) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        bench.firstDiffAt = performance.now();
        performance.mark('bench: first diff painted');
        clearTimeout(timeout);
        figures().then(post, (e) => post({ error: String(e), problems: bench.problems }));
      };
      channel.port2.postMessage(null);
    });
  });
  const observe = () => observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-diff'] });
  const clickCompare = () => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.includes('Compare with the previous version') && !b.disabled);
    const lastTaskEnd = Math.max(0, ...bench.longTasks.map((t) => t.start + t.duration));
    const settled = document.readyState === 'complete' && (performance.now() - lastTaskEnd >= 1500 || performance.now() > 10000);
    if (!button || !settled) return setTimeout(clickCompare, 50);
    observe();
    performance.mark('bench: compare clicked');
    bench.clickedAt = performance.now();
    button.click();
  };
  document.addEventListener('DOMContentLoaded', ${click} ? clickCompare : observe);
})();`;

/** The page script of the run under way, and where its result goes. */
let currentRun: BenchRun | null = null;

/**
 * A small HTTP server in front of the production server: it serves the page script and takes its
 * result, and passes every other request on unchanged (the two versions too, streamed), except
 * that the app's HTML loads the page script first.
 */
function startFront(app: string): Promise<{ server: Server; base: string }> {
  const server = createHttpServer((req, res) => {
    if (serveRun(req, res, currentRun)) return;
    if (!serveWarmUp(req, res)) proxyWithInstrument(app, req, res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` })),
  );
}

/** Opens `url` in a fresh headless Chromium with no DevTools client attached, and returns the page's figures. */
async function measure(url: string, newerSha: string, click: boolean): Promise<Run> {
  const answer = new Promise<string>((done, fail) => {
    currentRun = { script: pageScript(newerSha, click), done };
    setTimeout(() => fail(new Error('the page sent no figures within 100 s (did the app\'s HTML load the page script?)')), 100_000).unref();
  });
  const profile = mkdtempSync(join(tmpdir(), 'bench-diff-profile-'));
  const traceFile = TRACE_DIR ? join(TRACE_DIR, `diff-${Date.now()}.json`) : null;
  const browser = spawn(CHROMIUM, [...CHROMIUM_ARGS, ...traceArgs(traceFile), '--headless=new', '--window-size=1440,1000', `--user-data-dir=${profile}`, warmUrl(new URL(url).origin, url)], { stdio: 'ignore', detached: true });
  try {
    const result = JSON.parse(await answer) as Run | { error: string; problems: string[] };
    if ('error' in result) throw new Error(`${result.error} (page errors: ${result.problems.join(' | ') || 'none'})`);
    await traceWritten(traceFile);
    return result;
  } finally {
    currentRun = null;
    await closeBrowser(browser, profile);
  }
}

// ---------------------------------------------------------------- report

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  if (BUILD) {
    const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) throw new Error('npm run build failed');
  }
  const older = olderVersion();
  const newer = newerVersion(older);
  const from = sha256(older);
  const to = sha256(newer);
  const dir = mkdtempSync(join(tmpdir(), 'flowdesk-bench-diff-'));
  let server: ChildProcess | null = null;
  let front: Server | null = null;
  const report: { view: (typeof VIEWS)[number]; runs: Run[]; median: Run }[] = [];
  /** Median time to GET each version (older, newer) from the server, alone; and the stored comparison. */
  const serverMs: number[] = [];
  /** Comparing the pair once (the seed), and GET of the stored comparison. */
  const comparison = { compareMs: NaN, changesMs: NaN };
  try {
    comparison.compareMs = await seed(dir, older, newer);
    const started = await startServer(dir);
    server = started.child;
    const frontDoor = await startFront(started.base);
    front = frontDoor.server;
    const flowPage = `${frontDoor.base}/accounts/${ACCOUNT}/channels/${CHANNEL}/flows/${FLOW_ID}`;
    const page = `${flowPage}?view=diff&from=${from}&to=${to}`;
    for (const view of VIEWS.filter((v) => !ONLY || v.name === ONLY)) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await measure(view.click ? `${flowPage}?view=history` : page + view.query, to, view.click);
        runs.push(run);
        // Far over the target: one run says enough, and keeps the benchmark within a few minutes.
        if (run.firstDiffMs > SLOW_MS) break;
      }
      const m = (key: keyof Run) => median(runs.map((r) => r[key]));
      report.push({
        view,
        runs,
        median: { firstDiffMs: m('firstDiffMs'), textsInMs: m('textsInMs'), requestedMs: m('requestedMs'), pageMs: m('pageMs'), longestTaskMs: m('longestTaskMs'), jsonParseMs: m('jsonParseMs'), changedLinesOnScreen: m('changedLinesOnScreen') },
      });
    }
    // The server's part, from Node, after the pages: each version on its own, and the comparison.
    const timeGet = async (path: string) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        const answer = await fetch(`${started.base}/api/accounts/${ACCOUNT}/channels/${CHANNEL}/flows/${FLOW_ID}/${path}`);
        if (!answer.ok) throw new Error(`GET …/${path.slice(0, 30)}… answered ${answer.status}`);
        await answer.text();
        times.push(performance.now() - t);
      }
      return median(times);
    };
    for (const sha of [from, to]) serverMs.push(await timeGet(`json/${sha}`));
    comparison.changesMs = await timeGet(`json-changes/${from}/${to}`);
  } finally {
    front?.close();
    if (server) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  }

  const bytes = { older: Buffer.byteLength(older), newer: Buffer.byteLength(newer), lines: older.split('\n').length };
  if (AS_JSON) {
    console.log(JSON.stringify({ bytes, changes: CHANGES, ...comparison, serverMs, report }, null, 2));
  } else {
    const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
    const vs = (n: number, parse: number) => `${ms(n)} (${(n / parse).toFixed(1)}× JSON.parse)`;
    const verdict = (n: number, target: number, applies: boolean) => (applies ? `target ≤ ${target} ms   ${n <= target ? 'ok' : 'MISSED'}` : '');
    console.log(`Flow history diff benchmark: headless Chromium, median of up to ${RUNS} runs per view (one when over ${SLOW_MS / 1000} s)`);
    console.log(`Two versions of ${(bytes.older / 1e6).toFixed(2)} and ${(bytes.newer / 1e6).toFixed(2)} MB (${bytes.lines.toLocaleString('en')} lines, pretty-printed), ${CHANGES} values edited\n`);
    for (const { view, runs, median: r } of report) {
      const from = view.click ? 'click' : 'navigation';
      console.log(`${view.label}${view.click ? ' (?view=history, then the click)' : ` (?view=diff${view.query})`}, ${runs.length === 1 ? '1 run' : `median of ${runs.length} runs`}`);
      console.log(`  JSON.parse of one side (same page)        ${ms(r.jsonParseMs)}`);
      const row = (label: string, value: string) => console.log(`${label.padEnd(42)}${value}`);
      row(`  first painted diff screen (${from})`, `${vs(r.firstDiffMs, r.jsonParseMs)}   ${verdict(r.firstDiffMs, TARGET_PAINT_MS, view.target)}`);
      row(`    ${from} → answer in`, vs(r.textsInMs, r.jsonParseMs));
      row(`      of which ${from} → requested`, ms(r.requestedMs));
      row('    answer in → diff painted', vs(r.pageMs, r.jsonParseMs));
      row(`  longest main-thread task (${view.click ? 'from the click' : 'opening'})`, `${vs(r.longestTaskMs, r.jsonParseMs)}   ${verdict(r.longestTaskMs, TARGET_TASK_MS, view.target)}`);
      console.log(`  changed lines in the page (data-diff)     ${r.changedLinesOnScreen.toLocaleString('en')}`);
    }
    console.log(`\nServer: comparing the pair once (worker thread, when the newer version is recorded): ${ms(comparison.compareMs).trim()}`);
    console.log(`Server: GET …/json-changes/<older>/<newer> (stored comparison): ${ms(comparison.changesMs).trim()}`);
    console.log(`Server: GET …/json/<sha256> of one 10 MB version, alone (older, newer): ${serverMs.map((n) => ms(n).trim()).join(', ')}`);
  }
  const missed = report.some((r) => r.view.target && (r.median.firstDiffMs > TARGET_PAINT_MS || r.median.longestTaskMs > TARGET_TASK_MS));
  if (missed) {
    if (!AS_JSON) console.error('\nA target was missed.');
    process.exitCode = 1;
  }
}

await main();
