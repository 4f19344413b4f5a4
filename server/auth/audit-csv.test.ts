// @vitest-environment node
/** The audit trail's CSV and the user read from the identity provider's claims (the stores: server/store/auth.test.ts). */
import { describe, expect, it } from 'vitest';
import { auditCsv, type NewAuditEntry } from './audit';
import { userFromClaims } from './oidc';

describe('audit log', () => {
  const entry = (minute: number, fields: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
    at: new Date(Date.UTC(2026, 10, 28, 9, minute)),
    action: 'flow_opened',
    user: 'alice@example.com',
    account: 'retail-eu',
    channel: 'c1',
    flow: 'f1',
    address: '10.0.0.1',
    detail: null,
    ...fields,
  });

  it('exports CSV with quoting, and defuses spreadsheet formulas', () => {
    const csv = auditCsv([{ ...entry(5, { detail: 'GET /x, "quoted"', user: '=HYPERLINK("evil")' }), id: '1' }]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe('time,action,user,account,channel,flow,address,detail');
    expect(row).toBe(`2026-11-28T09:05:00.000Z,flow_opened,"'=HYPERLINK(""evil"")",retail-eu,c1,f1,10.0.0.1,"GET /x, ""quoted"""`);
  });
});

describe('claims', () => {
  it('reads the groups claim by name or dotted path, and ignores an unverified email', () => {
    expect(userFromClaims({ sub: 's', email: 'A@Example.com', name: 'A', groups: ['g1', 2, 'g2'] }, 'groups')).toEqual({ id: 's', email: 'a@example.com', name: 'A', groups: ['g1', 'g2'] });
    expect(userFromClaims({ sub: 's', realm_access: { roles: ['r'] } }, 'realm_access.roles').groups).toEqual(['r']);
    expect(userFromClaims({ sub: 's', roles: 'single' }, 'roles').groups).toEqual(['single']);
    expect(userFromClaims({ sub: 's', email: 'carol@example.com', email_verified: false }, 'groups').email).toBeNull();
  });
});
