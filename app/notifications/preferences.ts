// The kinds of notification a person chooses e-mail for, and the choices (read by the account
// page in the browser too; the rules are in preferences.server.ts).

export const PREFERENCE_KINDS = ['mentions', 'status_changes', 'cofinancing', 'changes'] as const
export type PreferenceKind = (typeof PREFERENCE_KINDS)[number]

export const DELIVERIES = ['immediate', 'digest', 'none'] as const
export type Delivery = (typeof DELIVERIES)[number]

export type Preferences = Record<PreferenceKind, Delivery>

/** Which preference governs a notification kind; kinds added later (field edits) are "changes". */
export function preferenceKindOf(notificationKind: string): PreferenceKind {
  switch (notificationKind) {
    case 'mention':
      return 'mentions'
    case 'transition':
    // a written procedure asks for the member's vote on items' endorsement: a status matter
    case 'procedure':
      return 'status_changes'
    case 'flag':
      return 'cofinancing'
    default:
      return 'changes'
  }
}
