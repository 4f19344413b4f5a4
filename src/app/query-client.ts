import { QueryCache, QueryClient } from '@tanstack/react-query';
import { retryDelay, shouldRetry } from '../api/client';
import { redirectToSignInOn } from '../features/auth/signIn';

export function createQueryClient() {
  return new QueryClient({
    // The session ended (expired, signed out elsewhere, revoked): sign in again and come back here.
    queryCache: new QueryCache({ onError: (error) => void redirectToSignInOn(error) }),
    defaultOptions: {
      queries: { retry: shouldRetry, retryDelay, refetchOnWindowFocus: false },
    },
  });
}
