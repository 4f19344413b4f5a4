/**
 * Benchmark of the flow list (issue 4), in headless Chromium against the simulator with 10,000 and
 * 100,000 flows in a channel: time to first rows, keystroke-to-rows latency, rows in the DOM, and
 * the list page's JavaScript (gzip). Run with `npm run bench:list` (builds first).
 */
import { chromium, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, CHROMIUM_ARGS } from './bench-front';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const CHANNEL = '/accounts/kaleyra/channels/295XXXXXXXXXXXX';
const KEYS = ['s', 't', 'o', 'r', 'e', 'Backspace', 'Backspace', 'Backspace', 'Backspace', 'Backspace', 'l', 'e', 'a', 'd', '1', 'Backspace', 'Backspace', 'Backspace', 'Backspace', 'Backspace'];

async function startServer(port: number, flows: number): Promise<ChildProcess> {
  const child = spawn('npx', ['tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), SIMULATOR_FLOWS: String(flows), EIGHTXEIGHT_API_KEY: '', KALEYRA_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 60 s')), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Flow Desk on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

/** Records, in the page, when the first row appears and when rows change after each keystroke. */
function instrument() {
  const w = window as unknown as { __bench: { firstRows?: number; keyAt?: number; updates: number[] } };
  w.__bench = { updates: [] };
  const observer = new MutationObserver(() => {
    const b = w.__bench;
    if (b.firstRows === undefined && document.querySelector('[data-flow-id]')) {
      // The frame that shows the first rows has painted when the next frame starts.
      requestAnimationFrame(() => (b.firstRows = performance.now()));
    }
    if (b.keyAt !== undefined) {
      const start = b.keyAt;
      b.keyAt = undefined;
      requestAnimationFrame(() => b.updates.push(performance.now() - start));
    }
  });
  document.addEventListener('DOMContentLoaded', () => {
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  document.addEventListener('keydown', () => (w.__bench.keyAt = performance.now()), true);
}

async function flowCount(page: Page): Promise<string> {
  return (await page.getByTestId('flow-count').textContent()) ?? '';
}

async function measure(size: number, port: number) {
  const server = await startServer(port, size);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const scripts: string[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname);
    });
    await page.addInitScript(instrument);
    await page.goto(`http://127.0.0.1:${port}${CHANNEL}`);
    await page.waitForFunction(() => (window as unknown as { __bench: { firstRows?: number } }).__bench.firstRows !== undefined, null, { timeout: 30_000 });
    const firstRows = await page.evaluate(() => (window as unknown as { __bench: { firstRows: number } }).__bench.firstRows);
    const jsGzip = [...new Set(scripts)].reduce((sum, path) => sum + gzipSync(readFileSync(`dist${path}`)).length, 0);

    // All pages in: "Showing N of N flows" without "loaded so far".
    await page.waitForFunction(() => /^Showing [\d,]+ of [\d,]+ flows$/.test(document.querySelector('[data-testid="flow-count"]')?.textContent ?? ''), null, { timeout: 300_000 });
    const loaded = await flowCount(page);
    const search = page.getByTestId('flow-search');
    await search.click();
    const latencies: number[] = [];
    for (const key of KEYS) {
      const before = await page.evaluate(() => (window as unknown as { __bench: { updates: number[] } }).__bench.updates.length);
      await page.keyboard.press(key);
      await page.waitForFunction((n) => (window as unknown as { __bench: { updates: number[] } }).__bench.updates.length > n, before, { timeout: 10_000 });
      // Let deferred rendering finish: wait until the DOM is quiet for two frames.
      await page.waitForTimeout(150);
      const updates = await page.evaluate(() => (window as unknown as { __bench: { updates: number[] } }).__bench.updates);
      latencies.push(Math.max(...updates.slice(before)));
    }
    const domRows = await page.locator('[data-flow-id]').count();
    await search.fill('');
    const domRowsAll = await page.locator('[data-flow-id]').count();
    latencies.sort((a, b) => a - b);
    return {
      size,
      loaded,
      firstRowsMs: Math.round(firstRows),
      filterMedianMs: Math.round(latencies[Math.floor(latencies.length / 2)]!),
      filterWorstMs: Math.round(latencies.at(-1)!),
      domRows: Math.max(domRows, domRowsAll),
      jsGzipKB: Math.round(jsGzip / 1024),
    };
  } finally {
    await browser.close();
    server.kill();
  }
}

const results = [];
for (const [i, size] of SIZES.entries()) results.push(await measure(size, 4400 + i));
console.log('\nFlow list benchmark (headless Chromium, simulator)');
console.log('| flows | first rows painted | filter keystroke median | worst of 20 | rows in DOM | list page JS (gzip) |');
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.size.toLocaleString('en')} | ${r.firstRowsMs} ms | ${r.filterMedianMs} ms | ${r.filterWorstMs} ms | ${r.domRows} | ${r.jsGzipKB} KB |`);
}
console.log('\nTargets: first rows < 1000 ms; filter median < 50 ms at 10,000 and < 100 ms at 100,000; rows in DOM < 200; JS <= 180 KB gzip.');
