// @vitest-environment node
/**
 * The provider boundary: a provider's id, name, hosts and environment variables appear only in
 * its own folder (and the registry line that lists it). Tests, e2e specs, the test fixtures and
 * the scripts that measure one provider's routes may name providers; shipped code may not.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { providers } from './registry';

const ROOT = new URL('../../', import.meta.url);

/** Files that may name providers: each provider's own folder, the registry, tests and test tooling. */
const EXEMPT = [
  /^src\/providers\/registry\.ts$/,
  /\.test\.tsx?$/,
  /^e2e\//,
  /^scripts\//,
  /^server\/testing\/fixtures\.ts$/,
];

function words(provider: (typeof providers)[number]): RegExp[] {
  const { adapter } = provider;
  const hosts = adapter.regionalBaseUrls.map((url) => new URL(url).hostname);
  const variables = Object.values(adapter.environment?.variables ?? {});
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [
    // The id as a string literal (ids like "meta" are ordinary words elsewhere).
    new RegExp(`['"\`]${escape(adapter.id)}['"\`]`),
    // The label, when it is a distinctive word (not "Meta (WhatsApp Cloud API)").
    ...(/^[A-Za-z0-9]+(?: [A-Za-z]+)*$/.test(adapter.label) ? [new RegExp(`\\b${escape(adapter.label.split(' ')[0]!)}\\b`, 'i')] : []),
    ...hosts.map((host) => new RegExp(escape(host), 'i')),
    ...variables.map((name) => new RegExp(`\\b${escape(name)}\\b`)),
  ];
}

describe('the provider boundary', () => {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src', 'server'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.(ts|tsx)$/.test(f) && !EXEMPT.some((p) => p.test(f)));

  it('checks the shipped code (the file list is not empty)', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(providers.map((p) => [p.adapter.id, p] as const))('keeps %s inside its folder', (id, provider) => {
    const patterns = words(provider);
    const offenders: string[] = [];
    for (const file of files) {
      if (file.startsWith(`src/providers/${id}/`)) continue;
      const text = readFileSync(new URL(file, ROOT), 'utf8');
      text.split('\n').forEach((line, i) => {
        if (patterns.some((p) => p.test(line))) offenders.push(`${file}:${i + 1}: ${line.trim().slice(0, 100)}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
