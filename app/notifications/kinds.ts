// The kinds of notification (notifications.kind): what a person may be told of. A person's mail
// preferences, when they come, are chosen per kind.
export const NOTIFICATION_KINDS = ['mention', 'transition', 'flag', 'change', 'procedure'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]
