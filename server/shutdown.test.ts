// @vitest-environment node
/**
 * SIGTERM to the `npm run serve` process (what `npm start` runs after building): requests under
 * way complete, then npm, the server and everything they started exit, with code 0.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from './testing/fake-upstream';
import { keyedEnv, LIST_KALEYRA } from './testing/fixtures';

let fake: FakeUpstream | undefined;
// `serve` runs the built server: build it from the sources under test.
beforeAll(() => void execFileSync('npm', ['run', '--silent', 'build:server'], { stdio: 'inherit' }), 60_000);
afterAll(() => fake?.close());

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('graceful shutdown of `npm run serve`', () => {
  it('SIGTERM drains the request under way, then npm and the server exit 0', async () => {
    fake = await startFakeUpstream();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const upstreamReached = new Promise<void>((resolve) => (reached = resolve));
    fake.setIntercept(async (_req, _res, recorded) => {
      if (recorded.target?.account !== 'kaleyra' || recorded.target.cdn) return false;
      reached();
      await held;
      return false;
    });

    const child = spawn('npm', ['run', '--silent', 'serve'], {
      env: { ...process.env, ...keyedEnv(fake), PORT: '0', FLOWDESK_SHUTDOWN_S: '20', FLOWDESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'flowdesk-shutdown-')), FLOWDESK_SYNC_INTERVAL_S: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const logLines: Record<string, unknown>[] = [];
    const waiters: { match: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
    createInterface({ input: child.stdout! }).on('line', (text) => {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return;
      }
      logLines.push(line);
      for (const w of [...waiters]) {
        if (!w.match(line)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    });
    const lineWhere = (match: (l: Record<string, unknown>) => boolean) => new Promise<Record<string, unknown>>((resolve) => waiters.push({ match, resolve }));

    try {
      const started = await lineWhere((l) => typeof l.port === 'number');
      const serverPid = started.pid as number;
      expect(serverPid).not.toBe(child.pid);
      const base = `http://127.0.0.1:${started.port as number}`;

      const inFlight = fetch(`${base}${LIST_KALEYRA}`);
      await upstreamReached;
      const draining = lineWhere((l) => l.msg === 'shutting down: draining requests under way');
      child.kill('SIGTERM');
      expect(await draining).toMatchObject({ signal: 'SIGTERM', inFlight: 1 });
      // New connections are refused while the one under way finishes.
      await expect(fetch(`${base}/api/channels`)).rejects.toThrow();
      release();
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect((await response.json()) as unknown).toMatchObject({ flows: expect.any(Array) });
      expect(await exited).toBe(0);
      expect(alive(serverPid)).toBe(false);
      expect(logLines.find((l) => l.msg === 'stopped')).toMatchObject({ timedOut: false });
    } finally {
      release();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
