// @vitest-environment node
/** The request log: one JSON line per request, with the request id, and events reported after the answer began. */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createLogger, eventLogOf, requestLog, type LogVariables } from './log';

describe('requestLog', () => {
  it('logs what a route reports after answering (a stream cut off) under the request id, escaped', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    let report: (() => void) | undefined;
    const app = new Hono<{ Variables: LogVariables }>();
    app.use('*', requestLog(logger));
    app.get('*', (c) => {
      const log = eventLogOf(c);
      report = () => log?.({ cutOff: 'idle', note: 'a\r\nb' }, 'flow JSON answer cut off');
      return c.text('streaming');
    });
    const response = await app.request('/api/x%0D%0Ay');
    expect(response.status).toBe(200);
    report!();
    const requestId = response.headers.get('X-Request-Id');
    expect(lines.map((l) => l.msg)).toEqual(['request', 'flow JSON answer cut off']);
    expect(lines[1]).toMatchObject({ requestId, path: '/api/x%0D%0Ay', cutOff: 'idle', note: 'a\\x0d\\x0ab', level: 'warn' });
  });

  it('outside requestLog, a route has no event log and reports nothing', async () => {
    const app = new Hono();
    let log: unknown = 'unset';
    app.get('*', (c) => ((log = eventLogOf(c)), c.text('ok')));
    await app.request('/');
    expect(log).toBeUndefined();
  });
});
