/** The session feature's public API: session hooks, access-summary helpers, the header menu and the sign-in dialog. */
export {
  SESSION_QUERY_KEY,
  allowedGroupBy,
  applySession,
  canFilter,
  canUse,
  disclosureOf,
  endpointAccessOf,
  sessionQueryOptions,
  signIn,
  signOut,
  timeResolution,
  useSession,
  useSignOut,
  type AccessSummary,
} from './api';
export { SessionMenu, type SessionMenuProps } from './SessionMenu';
