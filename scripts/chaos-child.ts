/**
 * The hostile provider of `npm run test:chaos`: a fake provider and CDN that send a 200 MB
 * chunked list answer without Content-Length and a 10 MB flow JSON. It listens on 127.0.0.1 at
 * CHAOS_PORT, reports `{ ready, port }` over IPC, and exits with its parent.
 */
import { startFakeUpstream } from '../server/testing/fake-upstream';

process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
const port = Number(process.env.CHAOS_PORT ?? 0);
const report = (p: number) => process.send?.({ ready: true, port: p });

if (process.argv[2] === 'hostile') {
  const LIST_MB = 200;
  const flowJson = Buffer.from(`{"version":"7.1","screens":[{"id":"S","layout":{"type":"SingleColumnLayout","children":[]},"data":{"pad":"${'x'.repeat(10 * 1024 * 1024 - 200)}"}}]}`);
  const fake = await startFakeUpstream({ port, record: false });
  fake.setIntercept((req, res, recorded) => {
    if (recorded.target?.account === 'kaleyra' && !recorded.target.cdn && req.url?.includes('/flows?')) {
      // A list answer of 200 MB, chunked, no Content-Length, written only as fast as it is read.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      res.write('{"data":[');
      const pump = () => {
        while (sent < LIST_MB) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end(']}');
      };
      pump();
      return true;
    }
    if (recorded.target?.cdn) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(flowJson.byteLength) });
      res.end(flowJson);
      return true;
    }
    return false;
  });
  report(fake.port);
}
