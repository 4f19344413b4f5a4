/**
 * Access per account: the accounts file's `access` section, validated at start-up against the
 * configured account ids, and what one signed-in user may see.
 *
 *   access:
 *     admins: [carol@example.com]          # see every account and the audit page
 *     rules:
 *       - group: support-retail            # a value of the groups claim
 *         accounts: [retail-eu]            # account ids, or "*" for all
 *       - email: bob@example.com
 *         accounts: [india-wa]
 */
import { z } from 'zod';
import { ConfigError } from '../config';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address');

const accountsField = z.union([z.literal('*'), z.array(z.string().min(1)).min(1, 'must list at least one account id, or be "*"')]);

const ruleSchema = z
  .strictObject({ group: z.string().trim().min(1).optional(), email: email.optional(), accounts: accountsField })
  .refine((rule) => (rule.group === undefined) !== (rule.email === undefined), 'a rule names either a group or an email (exactly one)');

const accessSchema = z.strictObject({
  admins: z.array(email).default([]),
  rules: z.array(ruleSchema).default([]),
});

export type AccessRule = z.infer<typeof ruleSchema>;

export interface AccessPolicy {
  admins: string[];
  rules: AccessRule[];
}

/** The identity facts access depends on. */
export interface AccessSubject {
  /** Lower-case, and only when the identity provider did not say it is unverified. */
  email: string | null;
  groups: string[];
}

/** What one user may see: every account, or exactly these ids. */
export type AccountScope = { all: true; admin: boolean } | { all: false; admin: false; ids: ReadonlySet<string> };

export const EVERY_ACCOUNT: AccountScope = { all: true, admin: false };

export function parseAccess(raw: unknown, accountIds: readonly string[], where = 'access'): AccessPolicy {
  if (raw === undefined || raw === null) return { admins: [], rules: [] };
  const parsed = accessSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      if (i.code === 'unrecognized_keys') return `${i.path.join('.') || '(top level)'}: unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
      return `${i.path.join('.') || '(top level)'}: ${i.message}`;
    });
    throw new ConfigError(`${where}: ${issues.join('; ')}`);
  }
  const known = new Set(accountIds);
  const unknown: string[] = [];
  parsed.data.rules.forEach((rule, i) => {
    if (rule.accounts === '*') return;
    const bad = rule.accounts.filter((id) => !known.has(id));
    if (bad.length) unknown.push(`rules[${i}].accounts: ${bad.map((id) => `"${id.slice(0, 60)}"`).join(', ')}`);
  });
  if (unknown.length) {
    throw new ConfigError(`${where}: unknown account ids (${unknown.join('; ')}); the configured accounts are ${accountIds.map((id) => `"${id}"`).join(', ') || 'none'}.`);
  }
  return parsed.data;
}

export function isAdmin(policy: AccessPolicy, subject: AccessSubject): boolean {
  return subject.email !== null && policy.admins.includes(subject.email);
}

/** The accounts a signed-in user may see: admins and "*" rules see all; otherwise the union of the matching rules. */
export function scopeFor(policy: AccessPolicy, subject: AccessSubject): AccountScope {
  if (isAdmin(policy, subject)) return { all: true, admin: true };
  const ids = new Set<string>();
  for (const rule of policy.rules) {
    const matches = rule.group !== undefined ? subject.groups.includes(rule.group) : rule.email === subject.email;
    if (!matches) continue;
    if (rule.accounts === '*') return { all: true, admin: false };
    for (const id of rule.accounts) ids.add(id);
  }
  return { all: false, admin: false, ids };
}

export const canSee = (scope: AccountScope, accountId: string): boolean => scope.all || scope.ids.has(accountId);

/** True when the user may see no account at all (the "no access yet" page). */
export const seesNothing = (scope: AccountScope): boolean => !scope.all && scope.ids.size === 0;
