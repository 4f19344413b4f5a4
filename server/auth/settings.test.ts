// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { canSee, parseAccess, scopeFor, seesNothing } from './access';
import { loadAuthSettings } from './settings';

const CLIENT_SECRET = 'oidc-client-secret-DO-NOT-ECHO-5b1c';
const SESSION_SECRET = 'session-secret-DO-NOT-ECHO-0123456789abcdef';
const accounts = loadConfig({}).accounts; // 8x8, kaleyra, meta, 360dialog
const config = { accounts, access: undefined as unknown };

const OIDC = {
  OIDC_ISSUER_URL: 'https://idp.example.com/realms/support',
  OIDC_CLIENT_ID: 'flow-desk',
  OIDC_CLIENT_SECRET: CLIENT_SECRET,
  FLOWDESK_PUBLIC_URL: 'https://flowdesk.example.com',
  FLOWDESK_SESSION_SECRET: SESSION_SECRET,
};

const failure = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain(CLIENT_SECRET);
    expect(message).not.toContain(SESSION_SECRET.slice(0, 20));
    return message;
  }
  throw new Error('expected a configuration error');
};

describe('loadAuthSettings', () => {
  it('without sign-in: local mode, loopback only (127.0.0.1 and ::1)', () => {
    const settings = loadAuthSettings({}, config);
    expect(settings).toMatchObject({ mode: 'local', oidc: null, publicUrl: null, listen: ['127.0.0.1', '::1'], trustProxy: false, sessionHours: 12 });
  });

  it('with sign-in: the defaults of the issue, every interface, https cookies', () => {
    const settings = loadAuthSettings(OIDC, config);
    expect(settings.mode).toBe('oidc');
    expect(settings.oidc).toMatchObject({ clientId: 'flow-desk', scopes: 'openid email profile', groupsClaim: 'groups' });
    expect(settings.oidc!.issuerUrl.href).toBe('https://idp.example.com/realms/support');
    expect(settings.publicUrl!.origin).toBe('https://flowdesk.example.com');
    expect(settings.listen).toEqual(['::']);
    expect(settings.sessionHours).toBe(12);
  });

  it('reads OIDC_SCOPES, OIDC_GROUPS_CLAIM, FLOWDESK_SESSION_HOURS, HOST and FLOWDESK_TRUST_PROXY', () => {
    const settings = loadAuthSettings({ ...OIDC, OIDC_SCOPES: 'openid email groups', OIDC_GROUPS_CLAIM: 'realm_access.roles', FLOWDESK_SESSION_HOURS: '8', HOST: '10.0.0.5', FLOWDESK_TRUST_PROXY: 'true' }, config);
    expect(settings.oidc).toMatchObject({ scopes: 'openid email groups', groupsClaim: 'realm_access.roles' });
    expect(settings).toMatchObject({ sessionHours: 8, listen: ['10.0.0.5'], trustProxy: true });
  });

  it.each([
    [{ OIDC_CLIENT_ID: 'x' }, /OIDC_ISSUER_URL, OIDC_CLIENT_SECRET, FLOWDESK_PUBLIC_URL, FLOWDESK_SESSION_SECRET are not set/],
    [{ ...OIDC, FLOWDESK_SESSION_SECRET: 'too-short-DO-NOT-ECHO' }, /FLOWDESK_SESSION_SECRET must be at least 32 characters/],
    [{ ...OIDC, OIDC_ISSUER_URL: 'not a url' }, /OIDC_ISSUER_URL is not a URL/],
    [{ ...OIDC, OIDC_ISSUER_URL: 'http://idp.example.com' }, /OIDC_ISSUER_URL must use https/],
    [{ ...OIDC, FLOWDESK_PUBLIC_URL: 'https://flowdesk.example.com/desk' }, /FLOWDESK_PUBLIC_URL must be an origin without a path/],
    [{ ...OIDC, FLOWDESK_PUBLIC_URL: 'http://flowdesk.example.com' }, /FLOWDESK_PUBLIC_URL must use https/],
    [{ ...OIDC, OIDC_SCOPES: 'email profile' }, /OIDC_SCOPES must include "openid"/],
    [{ ...OIDC, FLOWDESK_SESSION_HOURS: 'twelve' }, /FLOWDESK_SESSION_HOURS must be a number/],
    [{ ...OIDC, FLOWDESK_ALLOW_ANONYMOUS: 'true' }, /FLOWDESK_ALLOW_ANONYMOUS=true and sign-in/],
    [{ FLOWDESK_ALLOW_ANONYMOUS: 'true' }, /FLOWDESK_ALLOW_ANONYMOUS=true needs FLOWDESK_PUBLIC_URL/],
    [{ FLOWDESK_ALLOW_ANONYMOUS: 'maybe' }, /FLOWDESK_ALLOW_ANONYMOUS must be true or false/],
    [{ HOST: '0.0.0.0' }, /HOST=0.0.0.0 listens beyond this computer, which needs sign-in/],
    [{ HOST: '::' }, /HOST=:: listens beyond this computer/],
    [{ ...OIDC, HOST: 'flowdesk.example.com' }, /HOST must be an IP address/],
  ])('stops start-up naming the variable, never its secret value: %o', (env, message) => {
    expect(failure(() => loadAuthSettings(env, config))).toMatch(message);
  });

  it('anonymous mode listens beyond loopback, with a warning', () => {
    const settings = loadAuthSettings({ FLOWDESK_ALLOW_ANONYMOUS: 'true', FLOWDESK_PUBLIC_URL: 'https://flowdesk.internal.example' }, config);
    expect(settings).toMatchObject({ mode: 'anonymous', listen: ['::'] });
    expect(settings.warnings.join()).toMatch(/anyone who can reach this server/);
  });

  it('local mode may name one loopback address in HOST', () => {
    expect(loadAuthSettings({ HOST: '127.0.0.1' }, config).listen).toEqual(['127.0.0.1']);
    expect(loadAuthSettings({ HOST: '::1' }, config).listen).toEqual(['::1']);
    expect(loadAuthSettings({ HOST: 'localhost' }, config).listen).toEqual(['127.0.0.1', '::1']);
  });

  it('accepts an http identity provider and public URL on loopback only (tests, trials)', () => {
    const settings = loadAuthSettings({ ...OIDC, OIDC_ISSUER_URL: 'http://127.0.0.1:4331', FLOWDESK_PUBLIC_URL: 'http://127.0.0.1:4330' }, config);
    expect(settings.publicUrl!.host).toBe('127.0.0.1:4330');
  });

  it('warns when sign-in has no access rules (nobody sees anything)', () => {
    expect(loadAuthSettings(OIDC, config).warnings.join()).toMatch(/no "access" section/);
  });
});

describe('access rules', () => {
  const ids = ['retail-eu', 'retail-us', 'kaleyra-in'];
  const policy = parseAccess(
    {
      admins: ['Carol@Example.com'],
      rules: [
        { group: 'support-8x8', accounts: ['retail-eu', 'retail-us'] },
        { email: 'bob@example.com', accounts: ['kaleyra-in'] },
        { group: 'leads', accounts: '*' },
      ],
    },
    ids,
  );

  it.each([
    ['a group member', { email: 'alice@example.com', groups: ['support-8x8'] }, ['retail-eu', 'retail-us']],
    ['a user matched by email', { email: 'bob@example.com', groups: [] }, ['kaleyra-in']],
    ['both', { email: 'bob@example.com', groups: ['support-8x8'] }, ['retail-eu', 'retail-us', 'kaleyra-in']],
    ['an admin (email case ignored)', { email: 'carol@example.com', groups: [] }, ids],
    ['a "*" rule', { email: null, groups: ['leads'] }, ids],
    ['nobody', { email: 'dave@example.com', groups: ['staff'] }, []],
  ])('%s sees exactly their accounts', (_who, subject, expected) => {
    const scope = scopeFor(policy, subject);
    expect(ids.filter((id) => canSee(scope, id))).toEqual(expected);
    expect(seesNothing(scope)).toBe(expected.length === 0);
    expect(scope.admin).toBe(subject.email === 'carol@example.com');
  });

  it.each([
    [{ rules: [{ group: 'g', accounts: ['retail-eu', 'nope', 'gone'] }] }, /access: unknown account ids \(rules\[0\]\.accounts: "nope", "gone"\)/],
    [{ rules: [{ group: 'g', email: 'a@b.c', accounts: '*' }] }, /exactly one/],
    [{ rules: [{ accounts: '*' }] }, /exactly one/],
    [{ rules: [{ group: 'g', accounts: [] }] }, /at least one account id/],
    [{ admins: ['not-an-email'] }, /admins\.0: must be an email address/],
    [{ admin: ['carol@example.com'] }, /unknown field "admin"/],
    [{ rules: [{ group: 'g', accounts: '*', extra: 1 }] }, /unknown field "extra"/],
  ])('refuses a bad section at start-up: %o', (raw, message) => {
    expect(() => parseAccess(raw, ids)).toThrow(ConfigError);
    expect(() => parseAccess(raw, ids)).toThrow(message);
  });

  it('is checked when the server starts, naming the file', () => {
    const raw = { rules: [{ group: 'g', accounts: ['missing'] }] };
    expect(() => loadAuthSettings({ ...OIDC, FLOWDESK_CONFIG: '/etc/flowdesk/accounts.yaml' }, { accounts, access: raw })).toThrow(/\/etc\/flowdesk\/accounts\.yaml: access: unknown account ids/);
  });
});
