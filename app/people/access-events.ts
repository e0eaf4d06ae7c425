// What the access log records (docs/decisions/0020-accounts-and-invitations.md). Part B of issue 8
// (two-factor sign-in, API tokens) records its events through the same function with the kinds
// below; the access log page filters by them and names each through the i18n catalogue
// (people.accessLog.event.<kind>).

export const ACCESS_EVENTS = [
  'invited',
  'invitation_resent',
  'invitation_withdrawn',
  'accepted',
  'created',
  'role_changed',
  'profile_changed',
  'deactivated',
  'reactivated',
  'password_reset_requested',
  'password_reset',
  'password_changed',
  'sessions_ended',
  'organisation_added',
  'organisation_changed',
  'organisation_removed',
  'two_factor_enabled',
  'two_factor_disabled',
  'recovery_codes_regenerated',
  'token_created',
  'token_revoked',
  'sign_in_throttled',
] as const
export type AccessEvent = (typeof ACCESS_EVENTS)[number]

export function isAccessEvent(value: string): value is AccessEvent {
  return (ACCESS_EVENTS as readonly string[]).includes(value)
}
