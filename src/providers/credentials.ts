/** Credentials of an account, whatever its provider: which it has, and stand-ins for the simulator. */
import type { AccountBase, ProviderAdapter } from './types';

type Fields = Record<string, unknown>;

/** Whether the account has the credentials to call the provider's real API (otherwise: the simulator). */
export function hasCredentials(adapter: ProviderAdapter, account: AccountBase): boolean {
  return adapter.credentialFields.every((field) => typeof (account as unknown as Fields)[field] === 'string' && (account as unknown as Fields)[field] !== '');
}

/** The account's secret values (for redaction), never empty strings. */
export function secretsOf(adapter: ProviderAdapter, account: AccountBase): string[] {
  return adapter.secretFields.map((field) => (account as unknown as Fields)[field]).filter((v): v is string => typeof v === 'string' && v !== '');
}

/** The account with a recognisable stand-in for each missing credential, so simulated calls are signed like real ones. */
export function withStandInCredentials<A extends AccountBase>(adapter: ProviderAdapter, account: A): A {
  const filled: Fields = { ...(account as unknown as Fields) };
  for (const field of adapter.credentialFields) if (typeof filled[field] !== 'string' || filled[field] === '') filled[field] = `simulated-${field}`;
  return filled as unknown as A;
}
