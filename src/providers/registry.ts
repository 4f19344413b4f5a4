import type { ProviderId } from '../model/flow';
import type { ProviderAdapter } from './types';
import { eightByEight } from './8x8/adapter';
import { kaleyra } from './kaleyra/adapter';

export const adapters: Record<ProviderId, ProviderAdapter> = {
  '8x8': eightByEight,
  kaleyra,
};

export function adapterFor(id: string): ProviderAdapter | undefined {
  return Object.hasOwn(adapters, id) ? adapters[id as ProviderId] : undefined;
}
