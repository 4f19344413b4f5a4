/**
 * Server configuration, validated at start-up: the accounts file (`FLOWDESK_CONFIG`, YAML or
 * JSON) and the environment (tuning, and each provider's single-account shorthand). Secrets live
 * only here and in the upstream client; error messages name the file, the account and the field,
 * never a secret's value.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { hasCredentials, secretsOf } from '../src/providers/credentials';
import { providerById, providers } from '../src/providers/registry';
import type { AccountBase, Provider } from '../src/providers/types';
import { parseFlowAssetHosts } from './flow-json/asset-url';
import { DEFAULT_DATA_DIR } from './store/engine';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  FLOWDESK_CONFIG: z.string().optional().transform((v) => (v?.trim() ? v.trim() : undefined)),
  FLOW_ASSET_HOSTS: z.string().optional(),
  /** Generated flows per simulated channel (benchmarks use 10,000 and 100,000). */
  SIMULATOR_FLOWS: positiveInt(30),
  /** Seconds between two changes of the simulated world (a demo flow's status, health or JSON); 0: never. */
  SIMULATOR_CHANGE_EVERY_S: z.coerce.number().int().min(0).max(86_400).default(180),
  SIMULATOR_FAULTS: z.string().optional(),
  UPSTREAM_TIMEOUT_MS: positiveInt(10_000),
  FLOW_JSON_TIMEOUT_MS: positiveInt(15_000),
  FLOWDESK_DATA_DIR: z.string().optional().transform((v) => (v?.trim() ? v.trim() : DEFAULT_DATA_DIR)),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL'),
  FLOWDESK_SYNC_INTERVAL_S: z.coerce.number().int().min(0).max(86_400).default(300),
  /** Details older than this are fetched again by the sync. */
  FLOWDESK_REFRESH_AGE_S: z.coerce.number().int().positive().default(3600),
  /** Days of flow history kept (a flow's latest snapshot and its JSON are always kept). */
  FLOWDESK_HISTORY_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

export const ACCOUNT_ID = /^[a-z0-9-]{1,40}$/;

/** One configured account, validated against its provider's config fields. */
export interface AccountConfig {
  id: string;
  name: string;
  provider: Provider;
  /** The account's fields as its provider's adapter reads them (credentials included). */
  settings: AccountBase;
  /** True when the account has no credentials and runs on the built-in simulator. */
  simulated: boolean;
  /** Secret values of the account, for redaction. */
  secrets: string[];
  /** Where it was configured, for messages: the file, or the environment shorthand. */
  source: string;
}

export interface ServerConfig {
  port: number;
  accounts: AccountConfig[];
  flowAssetHosts: string[];
  simulatorFlows: number;
  simulatorFaults: string | undefined;
  simulatorChangeEveryS: number;
  upstreamTimeoutMs: number;
  flowJsonTimeoutMs: number;
  /** Things worth saying at start-up that do not stop it (a secret written literally in the file). */
  warnings: string[];
  /** The `access` section of the file, kept for sign-in (validated there). */
  access: unknown;
  /** The index's database: a PostgreSQL server, or the embedded engine in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  syncIntervalS: number;
  refreshAgeMs: number;
  historyDays: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;
type ReadFile = (path: string) => string;

const fileSchema = z.strictObject({
  accounts: z.array(z.unknown()).default([]),
  flowAssetHosts: z.array(z.string()).optional(),
  access: z.unknown().optional(),
});

const accountHead = z.looseObject({
  id: z.string().regex(ACCOUNT_ID, 'must be a slug of 1 to 40 characters: a-z, 0-9 and -'),
  provider: z.string(),
  name: z.string().trim().min(1).max(120).optional(),
});

const describeIssues = (issues: z.core.$ZodIssue[]) =>
  issues
    .map((i) => {
      const field = i.path.join('.');
      return i.code === 'unrecognized_keys' ? `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}` : `field "${field || '(top level)'}": ${i.message}`;
    })
    .join('; ');

/** `${NAME}` in a string read from the environment; an unset variable is an error naming it (and where). */
function interpolate(value: unknown, env: Env, where: string, literalSecrets: Set<string>, path: string[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const set = env[name];
      if (set === undefined) throw new ConfigError(`${where}: field "${path.join('.')}" names \${${name}}, but the environment variable ${name} is not set.`);
      return set.trim();
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, where, literalSecrets, [...path, String(i)]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (typeof v === 'string' && v !== '' && !/\$\{[A-Za-z_]/.test(v)) literalSecrets.add([...path, k].join('.'));
        return [k, interpolate(v, env, where, literalSecrets, [...path, k])];
      }),
    );
  }
  return value;
}

function parseAccount(raw: unknown, where: string, env: Env, warnings: string[] | null): AccountConfig {
  const head = accountHead.safeParse(raw);
  if (!head.success) throw new ConfigError(`${where}: ${describeIssues(head.error.issues)}`);
  const { id, provider: providerId, name } = head.data;
  const named = `${where} (account "${id}")`;
  const provider = providerById(providerId);
  if (!provider) throw new ConfigError(`${named}: field "provider": "${providerId.slice(0, 40)}" is not one of ${providers.map((p) => p.adapter.id).join(', ')}.`);
  const { adapter } = provider;
  const literal = new Set<string>();
  const values = interpolate(raw, env, named, literal) as Record<string, unknown>;
  // An empty credential (`apiKey: ${KEY}` with KEY="") means no credential: the simulator.
  for (const field of adapter.credentialFields) if (values[field] === '') delete values[field];
  const schema = z.strictObject({ ...accountHead.shape, ...adapter.configFields.shape });
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new ConfigError(`${named}: ${describeIssues(parsed.error.issues)}`);
  const settings = { ...parsed.data, name: name ?? id } as AccountBase;
  for (const field of warnings ? adapter.secretFields : []) {
    if (literal.has(field) && (parsed.data as Record<string, unknown>)[field]) {
      warnings!.push(`${named}: "${field}" is written in the file itself; prefer \${VARIABLE} so the secret stays out of the file.`);
    }
  }
  const simulated = !hasCredentials(adapter, settings);
  return { id, name: settings.name!, provider, settings, simulated, secrets: secretsOf(adapter, settings), source: named };
}

function readAccountsFile(path: string, env: Env, readFile: ReadFile, warnings: string[]) {
  const ext = extname(path).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext)) throw new ConfigError(`FLOWDESK_CONFIG: ${path} must be a .yaml, .yml or .json file.`);
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    throw new ConfigError(`FLOWDESK_CONFIG: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  let data: unknown;
  try {
    data = ext === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${path}: not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
  const file = fileSchema.safeParse(data ?? {});
  if (!file.success) throw new ConfigError(`${path}: ${describeIssues(file.error.issues)}`);
  const accounts = file.data.accounts.map((raw, i) => parseAccount(raw, `${path}: accounts[${i}]`, env, warnings));
  const flowAssetHosts = interpolate(file.data.flowAssetHosts ?? [], env, `${path}: flowAssetHosts`, new Set()) as string[];
  return { accounts, flowAssetHosts, access: file.data.access };
}

/**
 * Each provider's environment shorthand (today's single-account variables): all of them when
 * there is no accounts file (those without credentials run on the simulator, on the demo account
 * when nothing names one), otherwise only those whose credentials are set. Errors name the variables.
 */
function shorthandAccounts(env: Env, withFile: boolean): AccountConfig[] {
  const accounts: AccountConfig[] = [];
  const problems: string[] = [];
  for (const { adapter } of providers) {
    const shorthand = adapter.environment;
    if (!shorthand) continue;
    const values: Record<string, unknown> = {};
    for (const [field, variable] of Object.entries(shorthand.variables)) {
      const value = env[variable]?.trim();
      if (!value) continue;
      values[field] = shorthand.lists?.includes(field) ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;
    }
    const namesAccount = Object.keys(values).some((field) => field !== 'baseUrl');
    const candidate = { id: adapter.id, provider: adapter.id, name: adapter.label, ...(namesAccount ? {} : shorthand.demo), ...values } as AccountBase;
    if (withFile && !hasCredentials(adapter, candidate)) continue;
    const schema = z.strictObject({ ...accountHead.shape, ...adapter.configFields.shape });
    const parsed = schema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        problems.push(`${shorthand.variables[field] ?? field}: ${issue.message}`);
      }
      continue;
    }
    const settings = parsed.data as AccountBase;
    const simulated = !hasCredentials(adapter, settings);
    accounts.push({ id: adapter.id, name: adapter.label, provider: providerById(adapter.id)!, settings, simulated, secrets: secretsOf(adapter, settings), source: `environment shorthand for ${adapter.label}` });
  }
  // Name the variables, never echo their values (they may be keys).
  if (problems.length) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return accounts;
}

export function loadConfig(env: Env = process.env, readFile: ReadFile = (path) => readFileSync(path, 'utf8')): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Name the variables, never echo their values (they may be keys).
    throw new ConfigError(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  const warnings: string[] = [];
  const file = e.FLOWDESK_CONFIG ? readAccountsFile(e.FLOWDESK_CONFIG, env, readFile, warnings) : null;
  const accounts = [...(file?.accounts ?? []), ...shorthandAccounts(env, file !== null)];
  const seen = new Set<string>();
  for (const account of accounts) {
    if (seen.has(account.id)) throw new ConfigError(`${account.source}: the account id "${account.id}" is used twice; ids must be unique.`);
    seen.add(account.id);
  }
  let flowAssetHosts: string[];
  try {
    flowAssetHosts = [...new Set([...parseFlowAssetHosts(env.FLOW_ASSET_HOSTS), ...parseFlowAssetHosts((file?.flowAssetHosts ?? []).join(','))])];
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  return {
    port: e.PORT,
    accounts,
    flowAssetHosts,
    simulatorFlows: e.SIMULATOR_FLOWS,
    simulatorFaults: e.SIMULATOR_FAULTS,
    simulatorChangeEveryS: e.SIMULATOR_CHANGE_EVERY_S,
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
    flowJsonTimeoutMs: e.FLOW_JSON_TIMEOUT_MS,
    warnings,
    access: file?.access,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.FLOWDESK_DATA_DIR,
    syncIntervalS: e.FLOWDESK_SYNC_INTERVAL_S,
    refreshAgeMs: e.FLOWDESK_REFRESH_AGE_S * 1000,
    historyDays: e.FLOWDESK_HISTORY_DAYS,
  };
}
