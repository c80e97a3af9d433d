/** Sign-in as a react-query mutation: loaded with the sign-in dialog (not with the first screen). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SessionResponse, SignInRequest } from '../../../shared/api';
import type { ApiError } from '../../api/client';
import { applySession, signIn } from './api';

/** Sign in. `mutate({ username, password })`; on success the session cache holds the new role and all other queries refetch. */
export function useSignIn() {
  const client = useQueryClient();
  return useMutation<SessionResponse, ApiError, SignInRequest>({
    mutationKey: ['session', 'sign-in'],
    mutationFn: signIn,
    onSuccess: (session) => applySession(client, session),
  });
}
