import { isIPv4 } from 'node:net';

export interface FlowJsonUrlPolicy {
  /** Operator-trusted `host` or `host:port` entries (FLOW_ASSET_HOSTS); http or https. */
  extraHosts: string[];
}

/** On refusal, status is 400 when the URL is malformed and 403 when it is well formed but not allowed. */
export type FlowJsonUrlCheck = { ok: true; url: URL } | { ok: false; reason: string; status: 400 | 403 };

export const MAX_FLOW_JSON_URL_LENGTH = 4096;

// Meta serves flow JSON from WhatsApp media hosts (mmg.whatsapp.net, in providers' flow JSON links) and
// Graph API asset download_url hosts (scontent*.fbcdn.net); nothing else is trusted by default.
const BUILT_IN_HOST_SUFFIXES = ['.whatsapp.net', '.fbcdn.net'];

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// Any ASCII control character, space or DEL: the URL parser silently strips tabs/newlines.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/;
const EXTRA_HOST_ENTRY = /^(\[[0-9a-f:.]+\]|[^:[\]/@\\?#\s]+)(?::(\d{1,5}))?$/i;

interface ExtraHost {
  hostname: string;
  port: string | null;
}

const refuse = (status: 400 | 403, reason: string): FlowJsonUrlCheck => ({ ok: false, reason, status });

export function checkFlowJsonUrl(raw: string, policy: FlowJsonUrlPolicy): FlowJsonUrlCheck {
  if (typeof raw !== 'string' || raw.length === 0) return refuse(400, 'The flow JSON URL is empty.');
  if (raw.length > MAX_FLOW_JSON_URL_LENGTH) {
    return refuse(400, `The flow JSON URL is longer than ${MAX_FLOW_JSON_URL_LENGTH} characters.`);
  }
  if (CONTROL_OR_SPACE.test(raw)) return refuse(400, 'The flow JSON URL contains whitespace or control characters.');
  if (raw.includes('\\')) return refuse(400, 'The flow JSON URL contains a backslash.');

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse(400, 'The flow JSON URL is not a valid absolute URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse(403, `The URL scheme ${url.protocol} is not allowed for flow JSON.`);
  }
  // Require "scheme://": WHATWG also accepts "https:host" and "https:/host".
  if (!/^https?:\/\/[^/]/i.test(raw)) return refuse(400, 'The flow JSON URL is not a valid absolute URL.');
  // Checked on the raw authority too, because the parser drops an empty "user:@" part.
  if (url.username || url.password || rawAuthority(raw).includes('@')) {
    return refuse(403, 'The flow JSON URL must not contain a user name or password.');
  }

  const host = url.hostname;
  if (policy.extraHosts.some((entry) => matchesExtraHost(url, entry))) return { ok: true, url };

  if (host.startsWith('[') || isIPv4(host)) {
    return refuse(403, `The IP address ${host} is not an allowed flow JSON host.`);
  }
  if (url.protocol !== 'https:') return refuse(403, `Only https is allowed for the flow JSON host ${host}.`);
  if (!isBuiltInHost(host)) return refuse(403, `The host ${host} is not an allowed flow JSON host.`);
  if (url.port !== '') return refuse(403, `The port ${url.port} is not allowed for the flow JSON host ${host}.`);
  return { ok: true, url };
}

/** True when protocol/hostname/port (as undici passes them to a connector) is an operator-trusted host. */
export function isExtraHostOrigin(protocol: string, hostname: string, port: string, extraHosts: string[]): boolean {
  const bracketed = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
  let url: URL;
  try {
    url = new URL(`${protocol}//${bracketed}${port ? `:${port}` : ''}/`);
  } catch {
    return false;
  }
  return extraHosts.some((entry) => matchesExtraHost(url, entry));
}

/** Splits FLOW_ASSET_HOSTS ("a.example:4010, b.example"); throws on an entry that is not `host` or `host:port`. */
export function parseFlowAssetHosts(value: string | undefined): string[] {
  const entries = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    if (!parseExtraHost(entry)) throw new Error(`FLOW_ASSET_HOSTS entry "${entry}" is not a host or host:port.`);
  }
  return entries;
}

function isBuiltInHost(host: string): boolean {
  if (host.endsWith('.')) return false;
  if (!host.split('.').every((label) => HOST_LABEL.test(label))) return false;
  return BUILT_IN_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

function rawAuthority(raw: string): string {
  const afterScheme = raw.slice(raw.indexOf('//') + 2);
  return afterScheme.split(/[/?#]/, 1)[0] ?? '';
}

function matchesExtraHost(url: URL, entry: string): boolean {
  const extra = parseExtraHost(entry);
  if (!extra || extra.hostname !== url.hostname) return false;
  // An entry without a port allows only the scheme's default port (which URL normalises to "").
  if (extra.port === null) return url.port === '';
  const effectivePort = url.port || (url.protocol === 'https:' ? '443' : '80');
  return effectivePort === extra.port;
}

function parseExtraHost(entry: string): ExtraHost | null {
  const match = EXTRA_HOST_ENTRY.exec(entry.trim());
  if (!match?.[1]) return null;
  let hostname: string;
  try {
    hostname = new URL(`http://${match[1]}/`).hostname;
  } catch {
    return null;
  }
  if (match[2] === undefined) return { hostname, port: null };
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return null;
  return { hostname, port: String(port) };
}
