/**
 * What the browser benchmarks' front servers share: the path of the script that instruments the
 * page, passing a request on to the app with that script put first in its HTML pages, closing the
 * browser of one page, and a free loopback port and a clean stop for the server under test.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

/** Served by a front server; runs in the page before the app. */
/** The browser every benchmark runs (Debian's Chromium) and its flags. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const INSTRUMENT_PATH = '/__bench/instrument.js';
/** Where the page script posts its figures. */
export const RESULT_PATH = '/__bench/result';

/** The page script of the run under way, and what to do with the figures it posts. */
export interface BenchRun {
  script: string;
  done: (body: string) => void;
}

/** Serves the run's page script and takes the figures it posts; false for any other request. */
export function serveRun(req: IncomingMessage, res: ServerResponse, run: BenchRun | null): boolean {
  if (req.url === INSTRUMENT_PATH && run) {
    res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' }).end(run.script);
    return true;
  }
  if (req.url !== RESULT_PATH || req.method !== 'POST') return false;
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    res.writeHead(204).end();
    run?.done(body);
  });
  return true;
}

/**
 * A front server's warm-up page: `/__bench/warm?to=<url>&wait=<ms>` goes to `url` after `wait`
 * milliseconds (half a second by default). A fresh headless Chromium takes one to four seconds to
 * send its first request (its network service starting), and builds its omnibox popup (a page of
 * its own, with half a second of script) some five seconds after it starts; opening the page to
 * measure from this one times the app in a browser that is already running, as an agent's is.
 */
export const WARM_PATH = '/__bench/warm';

export const warmUrl = (front: string, url: string, waitMs = 500) => `${front}${WARM_PATH}?to=${encodeURIComponent(url)}&wait=${waitMs}`;

/** Answers the warm-up page; false for any other request. */
export function serveWarmUp(req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://front');
  if (url.pathname !== WARM_PATH) return false;
  const to = JSON.stringify(url.searchParams.get('to') ?? '/').replace(/</g, '\\u003c');
  const wait = Math.min(30_000, Math.max(0, Number(url.searchParams.get('wait')) || 500));
  res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' }).end(`<!doctype html><title>warm-up</title><script>setTimeout(() => location.replace(${to}), ${wait})</script>`);
  return true;
}

/**
 * Connections to the app, kept open between requests as the browser keeps its own: a new TCP
 * connection for each of a page's thirty-odd files added the front server's own cost to every one.
 */
const toApp = new Agent({ keepAlive: true, maxSockets: 6 });

/**
 * Passes `req` on to the app at `app`; an HTML answer gets the instrument script first in its
 * <head> (a same-origin classic script runs before the app's module scripts, and the app's CSP allows it).
 */
export function proxyWithInstrument(app: string, req: IncomingMessage, res: ServerResponse): void {
  const upstream = httpRequest(`${app}${req.url}`, { method: req.method, headers: req.headers, agent: toApp }, (answer) => {
    if (!String(answer.headers['content-type']).startsWith('text/html')) {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      return;
    }
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.on('end', () => {
      const html = Buffer.concat(chunks).toString('utf8').replace('<head>', `<head><script src="${INSTRUMENT_PATH}"></script>`);
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'content-length': Buffer.byteLength(html) }).end(html);
    });
  });
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
}

/** Ends a Chromium started detached for one page (its whole process group) and removes its profile. */
export async function closeBrowser(browser: ChildProcess, profile: string): Promise<void> {
  try {
    process.kill(-browser.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
  await new Promise((r) => setTimeout(r, 300));
  rmSync(profile, { recursive: true, force: true });
}

/**
 * `--trace <dir>` in a browser benchmark: Chromium writes a trace of a page's first TRACE_SECONDS
 * (the timeline, with JavaScript CPU samples) to a file in <dir>, for finding what the long tasks
 * run (open it in DevTools' Performance panel). Tracing slows the page: its figures are not
 * comparable with untraced runs. With BENCH_TRACE_LIGHT=1 the trace has no CPU samples: it tells
 * less of what a task runs, but the page runs at close to its untraced pace (the sampling made
 * tasks two to three times longer), so the timeline's durations can be read as they are. With
 * BENCH_TRACE_INVALIDATIONS=1 it also records what invalidated style and layout (which nodes were
 * added or changed), for a forced layout that takes long.
 */
export const TRACE_SECONDS = 20;
const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  ...(process.env.BENCH_TRACE_LIGHT ? [] : ['disabled-by-default-v8.cpu_profiler']),
  'blink.user_timing',
  ...(process.env.BENCH_TRACE_INVALIDATIONS ? ['disabled-by-default-devtools.timeline.invalidationTracking'] : []),
];

/** Chromium's arguments to trace its start into `file`; none without a file. */
export const traceArgs = (file: string | null): string[] =>
  file ? [`--trace-startup=${TRACE_CATEGORIES.join(',')}`, `--trace-startup-file=${file}`, `--trace-startup-duration=${TRACE_SECONDS}`, '--trace-startup-format=json'] : [];

/** Waits for the browser to write `file` (it does once the trace's duration is over). */
export async function traceWritten(file: string | null): Promise<void> {
  if (!file) return;
  for (let waited = 0; !existsSync(file) && waited < (TRACE_SECONDS + 30) * 1000; waited += 250) await new Promise((r) => setTimeout(r, 250));
  await new Promise((r) => setTimeout(r, 2000));
}

/** A port free on loopback now, for the server under test. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Stops the server under test as a deploy does (SIGTERM: it drains and closes its index), killed after 15 s. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}
