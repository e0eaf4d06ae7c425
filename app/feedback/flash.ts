import type { Status } from '../portfolio/codes'

// The message an action leaves for the page its user sees next (issue 11, "Feedback and focus"):
// what happened and, for an item, who acts next. Shared by the server (flash.server.ts stores it
// with the session) and the one component that shows it (app/components/feedback/FlashMessage).

/** A value of a message: text or a number as is, or a translation key to show in the reader's language. */
export type FlashValue = string | number | { t: string }

export interface FlashMessage {
  /** a fresh id per message, so the same text twice is announced (and focused) twice */
  id: string
  /** a translation key (app/i18n/en.ts), usually feedback.* */
  key: string
  values?: Record<string, FlashValue>
  /** the item's status after the action: the message then says who acts next (nextStep.*) */
  next?: Status
  /** a second sentence, a translation key with its own values */
  then?: { key: string; values?: Record<string, FlashValue> }
}

/** A status name as a message value: shown in the reader's language. */
export const statusValue = (status: Status): FlashValue => ({ t: `status.${status}` })
