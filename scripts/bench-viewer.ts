/**
 * Benchmark of the flow detail page on Meta's largest flow JSON (10 MB), in headless Chromium.
 *
 *   npx tsx scripts/bench-viewer.ts [--runs 3] [--no-build] [--json] [--only screens|<words of a scenario's name>] [--trace <dir>]
 *
 * How it works (no special production route, no test page): it builds the app (`vite build`,
 * skip with --no-build), starts the production server on the simulator, and opens the REAL
 * detail page through a small front server. That front server answers the two calls for one
 * made-up flow itself, the details (with 1,000 or 10,000 validation errors at their real
 * positions) and the flow JSON (10 MB pretty-printed, or the same flow minified to one line),
 * over real HTTP, and passes everything else to the production server. So the page runs exactly
 * the code support staff run: the queries, the placement of errors, the worker, the lazy
 * CodeMirror viewer, the virtualized list. The JSON answer is held back 600 ms, so the page has
 * settled (details shown, viewer chunk and worker loaded) when its last byte arrives, as with a
 * real CDN download, which takes longer than the details call.
 *
 * Each run is a fresh headless Chromium with nothing attached to it, as a support agent's browser:
 * no DevTools protocol client (with Playwright's attached, the end of a 10 MB download takes 20 to
 * 60 ms longer: DevTools keeps its own copy of response bodies, on the page's main thread). It
 * opens a warm-up page first and the flow page SETTLE_MS later, once the browser's own start-up
 * work is done (its omnibox popup, a page of its own, evaluates half a second of script then,
 * which on this two-core machine used to land in the figures). The figures are taken by a
 * script the front server adds to the app's HTML (same origin, so the app's CSP allows it), which
 * posts them back to the front server.
 *
 * Figures (each the median of --runs fresh pages, beside a plain JSON.parse of the same text in
 * the same page, as a ratio):
 * - first highlighted screen: the JSON's last byte (Resource Timing `responseEnd`) to the first
 *   frame painted with an error mark in the viewer; split into the browser's part (last byte to
 *   the whole text in JavaScript: the page's User Timing mark 'flow-json:text', set when the last
 *   piece of the streamed body is decoded and joined) and the page's part (text to the painted marks);
 * - placing: the page's main-thread placement of the errors (User Timing 'flow-json:place');
 * - marking: the viewer putting all the marks in the editor (User Timing 'flow-viewer:marks:N',
 *   the largest), and drawing the first screen (the first piece of text with its marks);
 * - longest main-thread task while opening (PerformanceObserver 'longtask', from navigation to
 *   2 s after the first highlight and the screens, whichever is later; browsers report no task
 *   under 50 ms);
 * - jump: click on the last error in the list (far down the document) to the frame painted with
 *   its range selected and in view;
 * - screens: the map and the first screen's preview painted (the map's first nodes and the preview
 *   region in the DOM, then a frame), from the text in JavaScript, from the end of the worker's
 *   JSON.parse (User Timing mark 'flow-json:parsed', placed at the worker's time: the map's layout
 *   and the answer's copy to the page count), and from the worker's answer reaching the page
 *   ('flow-json:inspected'); and, on maps of up to 400 screens (which hold every screen's node),
 *   every node of the map in the DOM and painted. Each run's line says where that time went: the
 *   worker after its parse ('flow-json:inspect-done'), the answer's way to the page, and the
 *   animation frames of 20 ms and more until the paint (Long Animation Frames: their scripts and
 *   when rendering and style and layout started);
 * - viewer chunk size, gzip, from dist/assets.
 *
 * Scenarios: the 10 MB flow with 1,000 errors (pretty-printed and minified), with 10,000 errors,
 * and a 100-screen flow with 1,000 errors (`--only screens` runs just the screens figures'
 * scenarios: the 10 MB flow with 1,000 and 10,000 errors and the 100-screen flow).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, closeBrowser, proxyWithInstrument, RESULT_PATH, serveRun, serveWarmUp, traceArgs, traceWritten, warmUrl, type BenchRun } from './bench-front';
import { gzipSync } from 'node:zlib';
import { FLOW_JSON_TEXT_MARK } from '../src/api/flows';
import { FLOW_JSON_INSPECT_DONE_MARK, FLOW_JSON_INSPECTED_MARK, FLOW_JSON_PARSED_MARK } from '../src/features/flow-detail/timing';
import { LAYERED_LAYOUT_MAX } from '../src/lib/flow-screens/layout';
import { hundredScreensFlow } from '../src/mocks/data/flow-json/templates';
import { lineStartOffsets, locatePaths, offsetToLineColumn } from '../src/lib/json-positions';
import { bigMinifiedFlow } from '../src/lib/json-positions/fixtures/big-flow';
import { makeFlowDetail, type FlowDetail, type ValidationError } from '../src/model/flow';

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 3;
const BUILD = !args.includes('--no-build');
const AS_JSON = args.includes('--json');
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const ONLY_SCREENS = ONLY === 'screens';
/** With `--trace <dir>`: each run's browser also writes a Chromium trace to <dir> (bench-front.ts: `traceArgs`). */
const TRACE_DIR = args.includes('--trace') ? args[args.indexOf('--trace') + 1] : undefined;
/** The production server (simulator); the bench's own front server answers the benchmark flow and passes everything else on. */
const APP_PORT = 4396;
const FRONT_PORT = 4397;
const APP = `http://127.0.0.1:${APP_PORT}`;
const BASE = `http://127.0.0.1:${FRONT_PORT}`;
/**
 * How long a fresh browser runs before the flow page is opened: its own start-up work (the
 * omnibox popup's page evaluates half a second of script some five seconds in) is then done, and
 * not counted in the page's figures on this two-core machine.
 */
const SETTLE_MS = 7000;
const MAX_BYTES = 10 * 1024 * 1024;
/** The simulator's demo account (the environment shorthand's) and its first channel. */
const ACCOUNT = '8x8';
const CHANNEL = 'ec36a867-3dd4-e911-814a-02d85f55fce8';
const JSON_DELAY_MS = 600;
const ROOT = new URL('..', import.meta.url).pathname;

// ---------------------------------------------------------------- documents and errors

/** The pretty-printed flow closest to (and under) Meta's 10 MB cap, and the same flow minified. */
function documents(): { pretty: string; minified: string } {
  let target = 5_000_000;
  for (let i = 0; i < 6; i++) {
    const pretty = JSON.stringify(JSON.parse(bigMinifiedFlow(target)), null, 2);
    const bytes = Buffer.byteLength(pretty);
    if (bytes <= MAX_BYTES && bytes > MAX_BYTES * 0.97) return { pretty, minified: JSON.stringify(JSON.parse(pretty)) };
    target = Math.floor((target * MAX_BYTES * 0.985) / bytes);
  }
  throw new Error('could not size the document');
}

/**
 * `count` errors spread evenly over the screens, each with the real position of its token in
 * `text`, on the types of the first `perForm` components of each screen's form.
 */
function errorsFor(text: string, count: number, perForm = 8): ValidationError[] {
  const screens = (JSON.parse(text) as { screens: unknown[] }).screens.length;
  const paths = Array.from({ length: count }, (_, i) => {
    const screen = count === 1 ? 0 : Math.round((i * (screens - 1)) / (count - 1));
    return ['screens', screen, 'layout', 'children', 0, 'children', i % perForm, 'type'];
  });
  const starts = lineStartOffsets(text);
  return locatePaths(text, paths).map((range, i) => {
    if (!range) throw new Error(`path ${paths[i]!.join('.')} not found`);
    const start = offsetToLineColumn(starts, range.from);
    const end = offsetToLineColumn(starts, range.to);
    const position = { lineStart: start.line, lineEnd: end.line, columnStart: start.column, columnEnd: end.column };
    const path = `screens[${paths[i]![1]}].layout.children[0].children[${i % perForm}].type`;
    return { code: i % 3 ? 'INVALID_PROPERTY_VALUE' : 'INVALID_PROPERTY_KEY', type: 'FLOW_JSON_ERROR', message: `Invalid value found for property 'type' (${i + 1}).`, ...position, pointers: [{ ...position, path }] };
  });
}

function detailFor(id: string, errors: ValidationError[]): FlowDetail {
  return makeFlowDetail({ id, name: `Benchmark flow ${id}`, status: 'DRAFT', categories: ['OTHER'], validationErrors: errors, hasFlowJson: true });
}

// ---------------------------------------------------------------- server and build

function build() {
  const result = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('vite build failed');
}

async function startServer(): Promise<ChildProcess> {
  const server = spawn('npx', ['tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(APP_PORT), EIGHTXEIGHT_API_KEY: '', KALEYRA_API_KEY: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  // Up to 2 minutes: on a busy machine, compiling the server with tsx alone takes half a minute.
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(`${APP}/api/accounts`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stopServer(server);
  throw new Error('the server did not start');
}

function stopServer(server: ChildProcess) {
  if (server.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** What the front server answers for the benchmark flow: the details and the JSON, by flow id. */
const benchFlows = new Map<string, { detail: string; text: Buffer }>();
/** The page script of the run under way (see `inPage`), and where its result goes. */
let currentRun: BenchRun | null = null;


/**
 * A small HTTP server in front of the production server: it answers the benchmark flow's two
 * calls itself (so the 10 MB JSON really travels over HTTP, streamed like a proxy's answer, and
 * only after JSON_DELAY_MS, as a CDN download takes longer than the details), serves the page
 * script of the run and takes its result, and passes every other request (the app's files,
 * /api/accounts) on unchanged, except that the app's HTML loads the page script first.
 */
function startFront(): Promise<Server> {
  const server = createServer((req, res) => {
    if (serveRun(req, res, currentRun) || serveWarmUp(req, res)) return;
    const match = /^\/api\/accounts\/[^/]+\/channels\/[^/]+\/flows\/(\d+)(\/json)?$/.exec(req.url ?? '');
    const flow = match && benchFlows.get(match[1]!);
    if (flow) {
      if (!match[2]) {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(flow.detail);
        return;
      }
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': flow.text.length }).end(flow.text), JSON_DELAY_MS);
      return;
    }
    proxyWithInstrument(APP, req, res);
  });
  return new Promise((resolve) => server.listen(FRONT_PORT, '127.0.0.1', () => resolve(server)));
}

interface ChunkSizes {
  file: string;
  gzipBytes: number;
  rawBytes: number;
  /** Chunks only the viewer imports, counted in its size. */
  extra: string[];
  /** The detail page's own chunk, gzip. */
  pageGzipBytes: number;
  /** The detail page's chunk starts with V8's compile hint (vite.config.ts: `compileHints`). */
  pageCompileHint: boolean;
  /** Chunks other than the viewer's that contain CodeMirror (should be none: the list page must not pay for it). */
  codeMirrorElsewhere: string[];
}

/** The viewer chunk (and chunks only it imports), gzip level 9, from dist/assets. */
function chunkSizes(): ChunkSizes {
  const dir = join(ROOT, 'dist/assets');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const read = (f: string) => readFileSync(join(dir, f));
  const gzip = (f: string) => gzipSync(read(f), { level: 9 }).length;
  const viewer = files.find((f) => /^FlowJsonViewer-.*\.js$/.test(f));
  const page = files.find((f) => /^FlowDetailPage-.*\.js$/.test(f));
  if (!viewer || !page) throw new Error('no FlowJsonViewer or FlowDetailPage chunk in dist/assets');
  const code = read(viewer);
  const imported = [...code.toString().matchAll(/from\s*"\.\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const pageCode = read(page).toString();
  const extra = imported.filter((f) => !/^index-/.test(f) && !pageCode.includes(f) && f !== page);
  return {
    file: viewer,
    gzipBytes: gzip(viewer) + extra.reduce((sum, f) => sum + gzip(f), 0),
    rawBytes: code.length,
    extra,
    pageGzipBytes: gzip(page),
    pageCompileHint: pageCode.startsWith('//# allFunctionsCalledOnLoad\n'),
    // `cm-scroller` is in CodeMirror's base theme, so in whichever chunk holds @codemirror/view.
    codeMirrorElsewhere: files.filter((f) => f !== viewer && !extra.includes(f) && read(f).toString().includes('cm-scroller')),
  };
}

// ---------------------------------------------------------------- one page

interface Run {
  firstHighlightMs: number;
  textInPageMs: number;
  pageMs: number;
  placingMs: number;
  markingMs: number;
  firstPieceMs: number;
  longestTaskMs: number;
  /** When the longest task started, from the text in JavaScript (negative: before the JSON arrived, as the details do). */
  longestTaskFromTextMs: number;
  /** What ran in the longest task's frame (Long Animation Frames: scripts of 5 ms or more, and the frame's style and layout). */
  longestTaskWhat: string;
  /** Where the screens' time went: the worker after its JSON.parse, the answer's way to the page, and the animation frames of 20 ms and more until the paint, with what ran in them. */
  screensWhat: string;
  jumpMs: number;
  jsonParseMs: number;
  marks: number;
  /** Text in JavaScript → screen map and first screen painted. */
  screensFromTextMs: number;
  /** The worker's inspection (parse, screen map, layout) reaching the page → screen map and first screen painted. */
  screensFromParsedMs: number;
  /** The worker's JSON.parse finished → screen map and first screen painted (the map's layout and the copy to the page included). */
  screensFromWorkerParseMs: number;
  /** The worker's JSON.parse finished → every node of the map in the DOM and painted (maps of up to 400 screens; NaN beyond). */
  allNodesFromWorkerParseMs: number;
}

/**
 * Runs in the page before the app (the front server serves it as INSTRUMENT_PATH): records long
 * tasks and the first painted mark, then, 2 s after it, reads the figures, measures the jump and a
 * plain JSON.parse, and posts them (or what went wrong) to RESULT_PATH.
 */
function inPage(config: { lastIndex: number; textMark: string; inspectedMark: string; parsedMark: string; doneMark: string; mapNodes: number | null; timeoutMs: number; resultPath: string }) {
  const longTasks: { start: number; duration: number }[] = [];
  const problems: string[] = [];
  let highlightedAt: number | null = null;
  let screensAt: number | null = null;
  let allNodesAt: number | null = null;
  let posted = false;
  const post = (result: unknown) => {
    if (posted) return;
    posted = true;
    void fetch(config.resultPath, { method: 'POST', body: JSON.stringify(result) });
  };
  addEventListener('error', (e) => problems.push(String(e.message)));
  addEventListener('unhandledrejection', (e) => problems.push(String(e.reason)));
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const frames: PerformanceEntry[] = [];
  new PerformanceObserver((list) => frames.push(...list.getEntries())).observe({ type: 'long-animation-frame', buffered: true });
  const afterPaint = () =>
    new Promise<number>((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );
  const observer = new MutationObserver(() => {
    // Error marks have indices from 0 (the hidden viewer's warm-up sample uses -2).
    if (highlightedAt !== null || !document.querySelector('.cm-content [data-flow-error]:not([data-flow-error^="-"])')) return;
    observer.disconnect();
    void afterPaint().then((at) => {
      highlightedAt = at;
      setTimeout(() => measure(at).then(post, (error: unknown) => post({ error: String(error), problems })), 2000);
    });
  });
  // The screen map (its nodes) and the preview of the first screen, painted.
  const screensObserver = new MutationObserver(() => {
    if (screensAt !== null || !document.querySelector('[data-screen-node]') || !document.querySelector('[role="region"][aria-label^="Preview of screen"] *')) return;
    screensObserver.disconnect();
    screensAt = -1;
    void afterPaint().then((at) => (screensAt = at));
  });
  // Every screen's node (the map draws the nodes in view first, the others in the task after that paint).
  const nodesObserver = new MutationObserver(() => {
    if (allNodesAt !== null || config.mapNodes === null || document.querySelectorAll('[data-screen-node]').length < config.mapNodes) return;
    nodesObserver.disconnect();
    allNodesAt = -1;
    void afterPaint().then((at) => (allNodesAt = at));
  });
  document.addEventListener('DOMContentLoaded', () => {
    observer.observe(document.body, { childList: true, subtree: true });
    screensObserver.observe(document.body, { childList: true, subtree: true });
    nodesObserver.observe(document.body, { childList: true, subtree: true });
  });
  setTimeout(() => post({ error: `no highlighted error within ${config.timeoutMs / 1000} s`, problems }), config.timeoutMs);

  async function measure(highlighted: number) {
    // The page's path is /accounts/<account>/channels/<channel>/flows/<flow>; its API calls are the same under /api.
    const flowPath = `/api${location.pathname}`;
    const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith(`${flowPath}/json`)) as PerformanceResourceTiming | undefined;
    if (!entry) throw new Error('no resource timing for the flow JSON');
    const received = entry.responseEnd;
    const textAt = performance.getEntriesByName(config.textMark, 'mark')[0]?.startTime;
    if (textAt === undefined) throw new Error(`no '${config.textMark}' mark: the page did not record when the JSON text was complete`);
    // The screens come from the worker's parse, which may finish after the first highlight: wait for them (then 2 s more).
    const screensPending = () => screensAt === null || screensAt < 0 || (config.mapNodes !== null && (allNodesAt === null || allNodesAt < 0));
    for (let waited = 0; screensPending() && waited < 30_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    const inspectedAt = performance.getEntriesByName(config.inspectedMark, 'mark')[0]?.startTime;
    const parsedAt = performance.getEntriesByName(config.parsedMark, 'mark')[0]?.startTime ?? NaN;
    if (screensAt === null || screensAt < 0 || inspectedAt === undefined) throw new Error('the screen map and preview were not painted within 30 s of the first highlight');
    const screensPaintedAt: number = screensAt;
    const allNodesPaintedAt = allNodesAt === null || allNodesAt < 0 ? NaN : allNodesAt;
    if (screensPaintedAt + 2000 > performance.now()) await new Promise((r) => setTimeout(r, screensPaintedAt + 2000 - performance.now()));
    const measures = performance.getEntriesByType('measure');
    const duration = (prefix: string) => {
      const found = measures.filter((m) => m.name.startsWith(prefix)).map((m) => m.duration);
      return found.length ? Math.max(...found) : NaN;
    };
    const largestMarking = measures
      .filter((m) => m.name.startsWith('flow-viewer:marks:'))
      .sort((a, b) => Number(b.name.split(':')[2]) - Number(a.name.split(':')[2]) || b.duration - a.duration)[0];
    const openedUntil = Math.max(highlighted, screensPaintedAt, Number.isNaN(allNodesPaintedAt) ? 0 : allNodesPaintedAt) + 2000;
    const opening = longTasks.filter((t) => t.start <= openedUntil);
    const longestTaskMs = Math.max(0, ...opening.map((t) => t.duration));
    const longest = opening.find((t) => t.duration === longestTaskMs);
    const marks = document.querySelectorAll('.cm-content [data-flow-error]:not([data-flow-error^="-"])').length;
    type Frame = PerformanceEntry & { renderStart: number; styleAndLayoutStart: number; scripts: (PerformanceEntry & { invoker: string; sourceURL: string; sourceFunctionName: string; forcedStyleAndLayoutDuration: number })[] };
    const what = (frame: Frame) =>
      [
        ...frame.scripts
          .filter((s) => s.duration >= 5)
          .map((s) => `${s.invoker} ${s.sourceFunctionName || ''} (${s.sourceURL.split('/').pop()}) ${Math.round(s.duration)}${s.forcedStyleAndLayoutDuration >= 5 ? ` (forced layout ${Math.round(s.forcedStyleAndLayoutDuration)})` : ''}`),
        `style and layout ${frame.styleAndLayoutStart > 0 ? Math.round(frame.startTime + frame.duration - frame.styleAndLayoutStart) : 0}`,
      ].join('; ');
    const frame = longest && (frames as Frame[]).find((f) => f.startTime <= longest.start + 1 && longest.start <= f.startTime + f.duration);
    const longestTaskWhat = frame ? what(frame) : 'no long animation frame';
    const doneAt = performance.getEntriesByName(config.doneMark, 'mark')[0]?.startTime ?? NaN;
    const screensWhat =
      `worker ${Math.round(doneAt - parsedAt)} + to the page ${Math.round(inspectedAt - doneAt)}; ` +
      ((frames as Frame[])
        .filter((f) => f.startTime + f.duration > parsedAt && f.startTime < screensPaintedAt && f.duration >= 20)
        .map((f) => `at +${Math.round(f.startTime - parsedAt)}, ${Math.round(f.duration)} ms: ${f.scripts.filter((x) => x.duration >= 2).map((x) => `[+${Math.round(x.startTime - f.startTime)} ${x.invoker} ${Math.round(x.duration)}]`).join(' ')} render +${Math.round(f.renderStart - f.startTime)}, style +${Math.round(f.styleAndLayoutStart - f.startTime)}`)
        .join(' | ') || 'no long animation frame');

    // Jump: the last error, far down the document, from the list.
    const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const list = document.querySelector<HTMLElement>('[data-testid="problems-list"]')!;
    list.scrollTop = list.scrollHeight;
    let button: HTMLElement | null = null;
    for (let i = 0; i < 60 && !button; i++) {
      await nextFrame();
      button = list.querySelector<HTMLElement>(`[data-error-index="${config.lastIndex}"]`);
      if (!button) list.scrollTop = list.scrollHeight;
    }
    if (!button) throw new Error('the last error is not in the list');
    await new Promise((r) => setTimeout(r, 300));
    const scroller = document.querySelector<HTMLElement>('.cm-scroller')!;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = scroller.getBoundingClientRect();
      return r.bottom > s.top && r.top < s.bottom && r.right > s.left && r.left < s.right;
    };
    const t0 = performance.now();
    button.click();
    let jumpedAt = NaN;
    for (let i = 0; i < 600; i++) {
      const at = await afterPaint();
      // The selected range and the error's mark are nested spans over the same text.
      const selected = document.querySelector('.cm-flow-error-selected');
      const mark = `[data-flow-error="${config.lastIndex}"]`;
      if (selected && visible(selected) && (selected.closest(mark) || selected.querySelector(mark))) {
        jumpedAt = at;
        break;
      }
    }

    // A plain JSON.parse of the same text in the same page.
    const text = await (await fetch(`${flowPath}/json`)).text();
    const parses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      JSON.parse(text);
      parses.push(performance.now() - t);
    }
    parses.sort((a, b) => a - b);
    const firstPiece = measures.filter((m) => m.name === 'flow-viewer:first-piece' && m.startTime >= received)[0];
    return {
      firstHighlightMs: highlighted - received,
      textInPageMs: textAt - received,
      pageMs: highlighted - textAt,
      placingMs: duration('flow-json:place'),
      markingMs: largestMarking?.duration ?? NaN,
      firstPieceMs: firstPiece?.duration ?? NaN,
      longestTaskMs,
      longestTaskFromTextMs: longest ? longest.start - textAt : NaN,
      longestTaskWhat,
      screensWhat,
      jumpMs: jumpedAt - t0,
      jsonParseMs: parses[2]!,
      marks,
      screensFromTextMs: screensPaintedAt - textAt,
      screensFromParsedMs: screensPaintedAt - inspectedAt,
      screensFromWorkerParseMs: screensPaintedAt - parsedAt,
      allNodesFromWorkerParseMs: allNodesPaintedAt - parsedAt,
    };
  }
}

/** Opens the benchmark flow in a fresh headless Chromium with no DevTools client attached, and returns the page's figures. */
async function measure(flowId: string, text: string, errors: ValidationError[], mapNodes: number | null): Promise<Run> {
  benchFlows.set(flowId, { detail: JSON.stringify(detailFor(flowId, errors)), text: Buffer.from(text) });
  const config = { lastIndex: errors.length - 1, textMark: FLOW_JSON_TEXT_MARK, inspectedMark: FLOW_JSON_INSPECTED_MARK, parsedMark: FLOW_JSON_PARSED_MARK, doneMark: FLOW_JSON_INSPECT_DONE_MARK, mapNodes, timeoutMs: 60_000, resultPath: RESULT_PATH };
  // tsx compiles with esbuild's keepNames, whose `__name` helper the function's code calls.
  const script = `var __name = (f) => f;\n(${inPage.toString()})(${JSON.stringify(config)});`;
  const answer = new Promise<string>((done, fail) => {
    currentRun = { script, done };
    // The page posts a failure itself after config.timeoutMs; this covers a page that never ran the script.
    setTimeout(() => fail(new Error('the page sent no figures within 90 s (did the app\'s HTML load the page script?)')), SETTLE_MS + 90_000).unref();
  });
  const profile = mkdtempSync(join(tmpdir(), 'bench-viewer-'));
  const traceFile = TRACE_DIR ? join(TRACE_DIR, `${flowId}-${Date.now()}.json`) : null;
  const browser = spawn(
    CHROMIUM,
    [...CHROMIUM_ARGS, ...traceArgs(traceFile), '--headless=new', '--window-size=1440,1000', `--user-data-dir=${profile}`, warmUrl(BASE, `${BASE}/accounts/${ACCOUNT}/channels/${CHANNEL}/flows/${flowId}`, SETTLE_MS)],
    { stdio: 'ignore', detached: true },
  );
  try {
    const result = JSON.parse(await answer) as Run | { error: string; problems: string[] };
    if ('error' in result) throw new Error(`${result.error} (page errors: ${result.problems.join(' | ') || 'none'})`);
    // JSON turns NaN (a figure that does not apply) into null.
    for (const key of Object.keys(result) as (keyof Run)[]) if (result[key] === null) (result as unknown as Record<string, number>)[key] = NaN;
    // The browser writes the trace once its duration is over.
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
  if (BUILD) build();
  if (TRACE_DIR) mkdirSync(TRACE_DIR, { recursive: true });
  const chunk = chunkSizes();
  const { pretty, minified } = documents();
  const hundred = JSON.stringify(hundredScreensFlow(), null, 2);
  const scenarios = [
    { name: '10 MB pretty-printed, 1,000 errors', id: '7770000000001', text: pretty, errors: errorsFor(pretty, 1000) },
    ...(ONLY_SCREENS ? [] : [{ name: 'same flow minified (one line), 1,000 errors', id: '7770000000002', text: minified, errors: errorsFor(minified, 1000) }]),
    { name: '10 MB pretty-printed, 10,000 errors', id: '7770000000003', text: pretty, errors: errorsFor(pretty, 10_000) },
    { name: '100 screens, 1,000 errors', id: '7770000000004', text: hundred, errors: errorsFor(hundred, 1000, 3) },
  ];
  // `--only <words>` other than "screens": the scenarios whose name holds them.
  if (ONLY && !ONLY_SCREENS) scenarios.splice(0, scenarios.length, ...scenarios.filter((s) => s.name.includes(ONLY)));
  const server = await startServer();
  const front = await startFront();
  const report: Record<string, unknown>[] = [];
  try {
    for (const s of scenarios) {
      const runs: Run[] = [];
      const screens = (JSON.parse(s.text) as { screens: unknown[] }).screens.length;
      for (let i = 0; i < RUNS; i++) runs.push(await measure(s.id, s.text, s.errors, screens <= LAYERED_LAYOUT_MAX ? screens : null));
      const m = (key: Exclude<keyof Run, 'longestTaskWhat' | 'screensWhat'>) => median(runs.map((r) => r[key]));
      report.push({
        scenario: s.name,
        bytes: Buffer.byteLength(s.text),
        lines: lineStartOffsets(s.text).length,
        errors: s.errors.length,
        jsonParseMs: m('jsonParseMs'),
        firstHighlightMs: m('firstHighlightMs'),
        textInPageMs: m('textInPageMs'),
        pageMs: m('pageMs'),
        placingMs: m('placingMs'),
        markingMs: m('markingMs'),
        firstPieceMs: m('firstPieceMs'),
        longestTaskMs: m('longestTaskMs'),
        jumpMs: m('jumpMs'),
        marksInDom: m('marks'),
        screensFromTextMs: m('screensFromTextMs'),
        screensFromParsedMs: m('screensFromParsedMs'),
        screensFromWorkerParseMs: m('screensFromWorkerParseMs'),
        allNodesFromWorkerParseMs: m('allNodesFromWorkerParseMs'),
        runs,
      });
    }
  } finally {
    front.close();
    stopServer(server);
  }

  if (AS_JSON) {
    console.log(JSON.stringify({ chunk, report }, null, 2));
    return;
  }
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const vs = (n: number, parse: number) => `${ms(n)} (${(n / parse).toFixed(1)}× JSON.parse)`;
  console.log(`Flow detail viewer benchmark: headless Chromium, median of ${RUNS} runs per scenario\n`);
  for (const r of report as unknown as (Run & { scenario: string; bytes: number; lines: number; errors: number; runs: Run[] })[]) {
    console.log(`${r.scenario}: ${(r.bytes / 1e6).toFixed(2)} MB, ${r.lines.toLocaleString('en')} lines, ${r.errors.toLocaleString('en')} errors`);
    console.log(`  JSON.parse of the same text          ${ms(r.jsonParseMs)}`);
    console.log(`  first highlighted screen             ${vs(r.firstHighlightMs, r.jsonParseMs)}   target ≤ 300 ms and ≤ 8×`);
    console.log(`    browser: last byte → text in JS    ${vs(r.textInPageMs, r.jsonParseMs)}`);
    console.log(`    page: text → marks painted         ${vs(r.pageMs, r.jsonParseMs)}`);
    console.log(`  placing the errors (main thread)     ${vs(r.placingMs, r.jsonParseMs)}`);
    console.log(`  drawing the first piece with marks   ${vs(r.firstPieceMs, r.jsonParseMs)}`);
    console.log(`  marking all ${r.errors.toLocaleString('en')} errors in the editor ${vs(r.markingMs, r.jsonParseMs)}${r.errors >= 10_000 ? '   target ≤ 100 ms' : ''}`);
    console.log(`  longest main-thread task (opening)   ${vs(r.longestTaskMs, r.jsonParseMs)}   target ≤ 200 ms (≤ 150 ms with 10,000 errors)`);
    console.log(`    started, from the text in JS       ${r.runs.map((run) => ms(run.longestTaskFromTextMs)).join(', ')} (negative: before the JSON arrived)`);
    for (const run of r.runs) console.log(`      ${ms(run.longestTaskMs)}: ${run.longestTaskWhat}`);
    console.log(`  jump to the last error               ${vs(r.jumpMs, r.jsonParseMs)}   target ≤ 150 ms`);
    console.log(`  screen map + first screen painted, from the text               ${vs(r.screensFromTextMs, r.jsonParseMs)}`);
    console.log(`  screen map + first screen painted, from the worker's JSON.parse ${vs(r.screensFromWorkerParseMs, r.jsonParseMs)}   target ≤ 150 ms`);
    console.log(`    of which the page: inspection received → painted            ${vs(r.screensFromParsedMs, r.jsonParseMs)}`);
    for (const run of r.runs) console.log(`      ${ms(run.screensFromWorkerParseMs)} (page ${ms(run.screensFromParsedMs)}): ${run.screensWhat}`);
    if (!Number.isNaN(r.allNodesFromWorkerParseMs)) console.log(`  every node of the map painted, from the worker's JSON.parse   ${vs(r.allNodesFromWorkerParseMs, r.jsonParseMs)}`);
  }
  console.log(
    `\nViewer chunk ${chunk.file}${chunk.extra.length ? ` + ${chunk.extra.join(', ')}` : ''}: ${(chunk.gzipBytes / 1024).toFixed(1)} KB gzip (${(chunk.rawBytes / 1024).toFixed(0)} KB raw)   target ≤ 140 KB`,
  );
  console.log(`Detail page chunk (without the viewer): ${(chunk.pageGzipBytes / 1024).toFixed(1)} KB gzip, ${chunk.pageCompileHint ? 'with' : 'WITHOUT'} the compile hint`);
  console.log(`CodeMirror outside the viewer chunk: ${chunk.codeMirrorElsewhere.length ? chunk.codeMirrorElsewhere.join(', ') : 'none'}`);
}

await main();
