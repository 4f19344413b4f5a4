import { QueryClient } from '@tanstack/react-query';
import { retryDelay, shouldRetry } from '../api/client';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, retryDelay, refetchOnWindowFocus: false },
    },
  });
}
