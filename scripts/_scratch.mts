import { createApiApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { startFakeUpstream } from '../server/testing/fake-upstream.ts';
const fake = await startFakeUpstream({ flowsPerChannel: 200 });
const env = {
  EIGHTXEIGHT_API_KEY: 'fake-8x8-key-SECRET1', EIGHTXEIGHT_BASE_URL: fake.url, EIGHTXEIGHT_ACCOUNT_ID: '5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9', EIGHTXEIGHT_CHANNEL_IDS: 'ec36a867-3dd4-e911-814a-02d85f55fce8',
};
const app = createApiApp(loadConfig(env));
const e = '/api/flows/8x8/5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9/ec36a867-3dd4-e911-814a-02d85f55fce8';
const ids = fake.simulator.world.eightByEight[0]!.flows.slice(0, 110).map((f) => f.id);
const t = Date.now();
const results = await Promise.all(ids.map(async (id) => { const r = await Promise.race([app.request(`${e}/${id}`), new Promise<null>((res) => setTimeout(() => res(null), 25000))]); return r ? `${r.status}@${Math.round((Date.now() - t) / 1000)}s` : 'pending@25s'; }));
const counts: Record<string, number> = {};
for (const r of results) counts[r] = (counts[r] ?? 0) + 1;
console.log(counts);
await fake.close();
process.exit(0);
