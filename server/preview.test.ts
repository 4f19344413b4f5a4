// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { apiApp, LIST_8X8, LIST_KALEYRA, problemOf, SEED_FLOW_KALEYRA } from './testing/fixtures';

describe('preview links', () => {
  const app = apiApp();

  it('asks 8x8 for a preview link and answers in the shared shape', async () => {
    const response = await app.request(`${LIST_8X8}/1145805540595505/preview`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { url: string; expiresAt: string | null };
    expect(body.url).toMatch(/^https:\/\/business\.facebook\.com\/wa\/manage\/flows\/1145805540595505\/preview\/\?token=/);
    expect(body.expiresAt).toMatch(/\+0000$/);
  });

  it('says Kaleyra has no separate preview call', async () => {
    const response = await app.request(`${LIST_KALEYRA}/${SEED_FLOW_KALEYRA}/preview`);
    expect(response.status).toBe(404);
    expect((await problemOf(response)).message).toMatch(/no separate preview call/);
  });

  it('validates the flow id before asking', async () => {
    const response = await app.request(`${LIST_8X8}/..%2F/preview`);
    expect(response.status).toBe(400);
  });
});
