import type { Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely'
import type { Instrument, Stage } from '../app/cofinancing/schema'
import type { EventKind } from '../app/history/events'
import type { FileKind } from '../app/importer/files.server'
import type { AgendaSource, Decision, MeetingBody } from '../app/meetings/schema'
import type { NotificationKind } from '../app/notifications/kinds'
import type { FollowReason } from '../app/notifications/follows.server'
import type { Role } from '../app/permissions/permissions'
import type { CountryCode, Modality, Quadrant, Status } from '../app/portfolio/codes'
import type { Direction, Frequency, ReportState, ReportStep } from '../app/monitoring/codes'

// Amounts are integer thousands of USD (exact on both databases); timestamps are ISO-8601 UTC
// text made in app code; booleans are 0/1. See docs/decisions/0002-data-types.md. Coded columns
// are text in the database and their code unions here, taken from the app's own lists, so a
// query or a write with a code the app does not know fails the typecheck (docs/decisions/0016).

export interface CountriesTable {
  code: CountryCode
  name_en: string
  name_ru: string
  name_zh: string
  position: number
}

export interface ItemTypesTable {
  code: Modality
  name_en: string
  position: number
}

export interface StrategiesTable {
  id: string
  name: string
  /** the name in Russian and Chinese, null where not translated (the English name shows) */
  name_ru: string | null
  name_zh: string | null
  /** the plan's period: the indicative planned dates of its items without years (IATI export) */
  period_start_year: number | null
  period_end_year: number | null
  created_at: string
}

export interface PillarsTable {
  id: string
  strategy_id: string
  name: string
  name_ru: string | null
  name_zh: string | null
  created_at: string
}

export interface AreasTable {
  id: string
  pillar_id: string
  name: string
  name_ru: string | null
  name_zh: string | null
  /** the DAC 5-digit purpose code its items report as their IATI sector */
  dac_code: string | null
  created_at: string
}

export interface ItemsTable {
  id: string
  ref: string
  title_en: string
  title_zh: string | null
  title_ru: string | null
  description_en: string | null
  description_ru: string | null
  description_zh: string | null
  source: string | null
  strategy_id: string
  pillar_id: string | null
  area_id: string | null
  status: Status
  start_year: number | null
  end_year: number | null
  cost_kusd: number | null
  secured_kusd: number | null
  /**
   * The secured funding by source (docs/decisions/0010-financing-sources.md): member governments,
   * development partners, private investors. Each optional; together at most secured_kusd when
   * saved from the form. Not in the interchange format: imports leave them as they are.
   */
  secured_government_kusd: number | null
  secured_partners_kusd: number | null
  secured_private_kusd: number | null
  /** cost - secured, kept by app code on every write so the list can sort and filter on it by index. */
  gap_kusd: number | null
  /** the item's own DAC 5-digit purpose code (IATI sector), overriding its area's; null: the area's */
  dac_code: string | null
  strategic_importance: number | null
  ease_of_implementation: number | null
  /** how many steering committee members scored the item, and the medians of their scores (app/prioritisation) */
  scores_count: Generated<number>
  importance_median: number | null
  ease_median: number | null
  /** derived by app code from the members' medians once any member scored, else from the two direct scores (prioritisation/aggregate.ts), stored for indexed filtering. */
  quadrant: Quadrant
  /** the partners list, ';'-separated as in the interchange format. */
  partners: string
  /** the proposer codes ';'-joined in order: the sort key of the proposers column; null when none. */
  proposers_key: string | null
  /** the modality codes ';'-joined in order: the sort key of the types column; null when none. */
  modalities_key: string | null
  /** the live co-financing flags as `;stage:ORG;...;` by organisation, null when none: kept by triggers on cofinancing_flags for the partner-interest filter (decision 0048). */
  interest_key: Generated<string | null>
  /** lower-cased ref and titles, made in app code so search is case-insensitive on both databases. */
  search_text: string
  /** JSON: per translated field, the language and a hash of the text it was made from (app/portfolio/translations.server.ts). */
  translation_sources: string | null
  /** the translated fields whose source text changed since, ';'-delimited (";title_ru;"); null when none. */
  translations_outdated: string | null
  archived: number
  /** 0 internal (the default), 1 published on /public (docs/decisions/0026-public-portfolio.md) */
  published: Generated<number>
  version: number
  created_at: string
  created_by: string | null
  updated_at: string
  updated_by: string | null
}

export interface ItemProposersTable {
  item_id: string
  country_code: CountryCode
  position: number
}

export interface ItemModalitiesTable {
  item_id: string
  type_code: Modality
  position: number
}

export interface UsersTable {
  id: string
  email: string
  name: string
  role: Role
  /** a development partner's organisation: organisations.short_name (docs/decisions/0020) */
  organisation: string | null
  /** '' while invited: no password signs in until the invitation is accepted */
  password_hash: string
  created_at: string
  /** invited, active, deactivated (app/people/schema.ts); only active accounts have sessions */
  status: Generated<string>
  /** the language the person prefers: en, ru, zh */
  language: Generated<string>
  last_sign_in_at: string | null
  updated_at: string | null
}

export interface UserCountriesTable {
  user_id: string
  country_code: CountryCode
}

export interface SessionsTable {
  /** the SHA-256 of the cookie's token, lucia's session id (app/auth/adapter.server.ts) */
  id: string
  user_id: string
  /** slides: 14 days after the last use, never past absolute_expires_at */
  expires_at: string
  /** 30 days after sign-in; null only for rows written before it existed */
  absolute_expires_at: string | null
  /** shown on the account page (app/people/sessions.server.ts); null only for rows older than them */
  created_at: string | null
  last_used_at: string | null
  user_agent: string | null
}

/** Failed sign-ins by hashed key, for throttling (app/auth/throttle.server.ts). */
export interface SignInFailuresTable {
  id: string
  key: string
  at: string
  /** the row's place among its key's rows, in the order they were written (unique per key) */
  seq: Generated<number>
}

/** A right password waiting for its second factor; id is the SHA-256 of the cookie's secret. */
export interface SignInChallengesTable {
  id: string
  user_id: string
  created_at: string
  expires_at: string
}

/** A person's authenticator (app/auth/two-factor.server.ts); enabled_at null while confirming. */
export interface TwoFactorTable {
  user_id: string
  secret: string
  created_at: string
  enabled_at: string | null
  last_step: number | null
}

export interface RecoveryCodesTable {
  id: string
  user_id: string
  /** "<salt>:<sha256 hex>" */
  code_hash: string
  created_at: string
  used_at: string | null
}

/** Personal API tokens (docs/decisions/0023-api-tokens.md). */
export interface ApiTokensTable {
  id: string
  user_id: string
  name: string
  kind: 'read' | 'write'
  token_hash: string
  created_at: string
  expires_at: string
  last_used_at: string | null
  revoked_at: string | null
  revoked_by: string | null
}

/** The managed list of development partner organisations (docs/decisions/0020). */
export interface OrganisationsTable {
  id: string
  /** the key accounts and co-financing flags use: fixed once created */
  short_name: string
  name: string
  /** multilateral, bilateral, private, other */
  type: string
  created_at: string
  updated_at: string
}

/** Invitation and password-reset links: only the SHA-256 of the secret, used once. */
export interface OneTimeTokensTable {
  id: string
  user_id: string
  /** invitation, password_reset */
  purpose: string
  token_hash: string
  created_at: string
  created_by: string | null
  expires_at: string
  used_at: string | null
  revoked_at: string | null
}

/** Every change to people and access; append-only (app/people/access-log.server.ts). */
export interface AccessLogTable {
  id: string
  at: string
  /** app/people/access-events.ts */
  event: string
  actor_id: string | null
  subject_id: string | null
  ip: string | null
  /** JSON text, shaped by event */
  details: string
}

/** E-mail per kind of notification (docs/decisions/0021); no row: immediate. */
export interface NotificationPreferencesTable {
  user_id: string
  /** mentions, status_changes, cofinancing, changes */
  kind: string
  /** immediate, digest, none */
  delivery: string
  updated_at: string
}

/** One daily digest mail per person and UTC day. */
export interface MailDigestsTable {
  id: string
  user_id: string
  /** YYYY-MM-DD (UTC) */
  day: string
  created_at: string
  entry_count: number
}

/** A notification waiting for (or included in) a person's daily digest. */
export interface DigestEntriesTable {
  id: string
  user_id: string
  notification_id: string | null
  subject: string
  link: string
  created_at: string
  digest_id: string | null
}

/** How many items are archived (1) and not (0), kept by triggers on items (migration 2026_12_02_0200). */
export interface ItemTotalsTable {
  archived: number
  n: number
}

/** The append-only history of items: never updated or deleted (docs/decisions/0005-workflow.md). */
export interface ItemEventsTable {
  id: string
  item_id: string
  /** 1, 2, 3... per item in commit order: the timeline's order */
  seq: number
  /** created, edited, transition, archived, restored, imported, ... (app/history/events.ts) */
  kind: EventKind
  /** null for changes no signed-in person made (the command-line importer, the seed) */
  actor_id: string | null
  at: string
  /** JSON text, shaped by kind */
  data: string
}

/** One row per status change in the history (created, moved, imported), for the dashboard's status over time. */
export interface ItemStatusChangesTable {
  item_id: string
  /** the history event's seq */
  seq: number
  at: string
  /** YYYY-MM of `at` */
  month: string
  /** null for the status the item started with */
  from_status: string | null
  to_status: string
}

/** Comments on items (docs/decisions/0007-comments.md): replies one level deep, deletion a mark. */
export interface CommentsTable {
  id: string
  item_id: string
  /** null for a thread's first comment */
  parent_id: string | null
  author_id: string
  /** the markup as typed ('' once deleted) */
  body: string
  created_at: string
  edited_at: string | null
  deleted: number
}

/** The text a comment had before each edit or deletion: append-only. */
export interface CommentRevisionsTable {
  id: string
  comment_id: string
  body: string
  replaced_at: string
  replaced_by: string
}

/** Co-financing flags (docs/decisions/0006-cofinancing.md): one row per (item, organisation). */
export interface CofinancingFlagsTable {
  id: string
  item_id: string
  /** the partner's organisation (users.organisation) */
  organisation: string
  /** who last set it */
  user_id: string
  /** grant, loan, technical_assistance, guarantee, equity, other */
  instrument: Instrument
  /** indicative amount, integer thousands of USD; null when not given */
  amount_kusd: number | null
  /** interest, in_discussion, committed: committed amounts count as secured in gap_kusd */
  stage: Stage
  note: string | null
  /** 1 once withdrawn (flagging again revives the row) */
  withdrawn: number
  created_at: string
  updated_at: string
}

/** Explicit follows (docs/decisions/0008-notifications.md); working group members also follow their countries' items without a row. */
export interface ItemFollowsTable {
  user_id: string
  item_id: string
  /** 1 following, 0 unfollowed (an unfollow wins over following by country) */
  following: number
  /** commented, flagged, mentioned, chosen */
  reason: FollowReason
  updated_at: string
}

/** The in-app inbox: one row per person told about one history event. */
export interface NotificationsTable {
  id: string
  user_id: string
  item_id: string
  event_id: string
  /** mention, transition, flag, change (app/notifications/kinds.ts) */
  kind: NotificationKind
  created_at: string
  read_at: string | null
}

/** Mail waiting to go out, written with its notification; delivered by app/notifications/outbox.server.ts. */
export interface EmailOutboxTable {
  id: string
  notification_id: string | null
  to_address: string
  subject: string
  body: string
  created_at: string
  attempts: number
  next_attempt_at: string
  /** a delivering instance's claim; others leave the row alone until then */
  claimed_until: string | null
  sent_at: string | null
  last_error: string | null
}

/** A steering committee member's own score of an item (docs/decisions/0012-prioritisation.md). */
export interface ItemScoresTable {
  item_id: string
  user_id: string
  /** 1..5 */
  strategic_importance: number
  /** 1..5 */
  ease_of_implementation: number
  note: string | null
  updated_at: string
}

/** A file uploaded for import from the browser, kept from the preview to the confirmation (0011). */
/** A background job (app/jobs; docs/decisions/0035-background-jobs.md). */
export interface JobsTable {
  id: string
  kind: string
  /** the job's input as JSON */
  input: string
  user_id: string
  state: 'queued' | 'running' | 'done' | 'failed'
  created_at: string
  run_after: string
  claimed_by: string | null
  lease_until: string | null
  attempts: number
  last_error: string | null
  progress_done: number
  progress_total: number
  started_at: string | null
  finished_at: string | null
  /** the outcome as JSON */
  result: string | null
  file_name: string | null
  file_type: string | null
  /** a file result's bytes, base64 */
  file_content: string | null
  expires_at: string | null
}

export interface ImportUploadsTable {
  id: string
  user_id: string
  filename: string
  kind: FileKind
  size: number
  sha256: string
  /** the bytes, base64 */
  content: string
  created_at: string
  imported_at: string | null
  /** the import's summary as JSON, once imported */
  result: string | null
}

/** An upload's plan as its preview made it (docs/decisions/0060): part 0 the head, 1..n its batches. */
export interface ImportPlansTable {
  plan_id: string
  part: number
  upload_id: string
  /** the head's digest of the summary; null on a batch */
  digest: string | null
  /** JSON: the head (KeptPlanHead) or one batch (BatchPlan) */
  body: string
  created_at: string
}

/** A named snapshot of the portfolio's non-archived items (docs/decisions/0013-snapshots.md). */
export interface SnapshotsTable {
  id: string
  name: string
  taken_at: string
  taken_by: string | null
  /** the meeting whose opening took it; no foreign key (the meetings table lands separately) */
  meeting_id: string | null
  item_count: number
  /** 0 while a snapshot is being written in short transactions; only complete ones are shown */
  complete: Generated<number>
  /** the job writing it (0047): an incomplete snapshot whose job is not running is swept */
  job_id: string | null
}

/** One item as it was in a snapshot: what the diff compares in columns, the rest as JSON in `data`. */
export interface SnapshotItemsTable {
  snapshot_id: string
  item_id: string
  ref: string
  title_en: string
  title_zh: string | null
  title_ru: string | null
  status: Status
  cost_kusd: number | null
  secured_kusd: number | null
  gap_kusd: number | null
  strategic_importance: number | null
  ease_of_implementation: number | null
  scores_count: number
  importance_median: number | null
  ease_median: number | null
  quadrant: Quadrant
  /** the live co-financing flags, canonical JSON (app/snapshots/snapshots.server.ts flagsText) */
  flags: string
  /** JSON: strategy, pillar, area, modalities, proposers, start_year, end_year, partners */
  data: string
}

/** A committee meeting (docs/decisions/0014-meetings.md): a draft until opened, when its snapshot is taken. */
export interface MeetingsTable {
  id: string
  title: string
  /** a body code (app/meetings/schema.ts) */
  body: MeetingBody
  /** YYYY-MM-DD */
  meeting_date: string
  place: string
  /** the portfolio view the agenda was last filled from, as its query string; '' when none */
  view_query: string
  /** the snapshot taken when the meeting was opened (app/snapshots); null while a draft */
  snapshot_id: string | null
  opened_at: string | null
  opened_by: string | null
  /** the job opening it (0047): while that job is queued or running the meeting is 'opening' */
  opening_job_id: string | null
  created_at: string
  created_by: string
  updated_at: string
}

/** A meeting's agenda: each item once, in position order. */
export interface MeetingAgendaTable {
  meeting_id: string
  item_id: string
  position: number
  /** view, picked, carried */
  source: AgendaSource
  added_at: string
}

/** The decision recorded against an agenda item: one per item and meeting. */
export interface MeetingDecisionsTable {
  id: string
  meeting_id: string
  item_id: string
  /** endorse, defer, drop, return, note */
  decision: Decision
  text: string
  /** the status change the decision made through the workflow; null when it made none */
  status_from: Status | null
  status_to: Status | null
  recorded_at: string
  recorded_by: string
}

/** A named portfolio table view (its query string), its owner's or shared with everyone (docs/decisions/0030). */
export interface SavedViewsTable {
  id: string
  owner_id: string
  name: string
  /** the table's query string: filters, sort, columns (never the page) */
  query: string
  /** 1 shared with everyone, 0 the owner's own */
  shared: number
  created_at: string
  updated_at: string
}

/** An amendment to a recorded decision (the original row stays as it was); the latest one is in force. */
export interface MeetingDecisionAmendmentsTable {
  id: string
  decision_id: string
  decision: Decision
  text: string
  reason: string
  status_from: Status | null
  status_to: Status | null
  amended_at: string
  amended_by: string
}

/** The message an action leaves for its user's next page (app/feedback); one per session. */
export interface FlashMessagesTable {
  session_id: string
  /** JSON: { id, key, values, tone } */
  message: string
  created_at: string
}

/** The IATI publisher settings (app/iati): one row, id 'publisher', once the secretariat saved them. */
export interface IatiPublisherTable {
  id: string
  /** the reporting organisation's identifier, such as XM-DAC-46004 */
  org_ref: string
  org_name_en: string
  org_name_ru: string | null
  org_name_zh: string | null
  /** IATI OrganisationType code, such as 40 (multilateral) */
  org_type: string
  /** what activity identifiers start with: prefix + item ref */
  activity_prefix: string
  default_currency: string
  /** en, ru or zh */
  default_language: string
  updated_at: string
  updated_by: string | null
}

/** A written procedure: the committee decides on a set of items by vote (app/procedures). */
export interface WrittenProceduresTable {
  id: string
  title: string
  deadline: string
  rule: string
  opened_at: string
  opened_by: string
  closed_at: string | null
  /** endorsed, not_endorsed */
  outcome: string | null
}

export interface WrittenProcedureItemsTable {
  procedure_id: string
  item_id: string
  position: number
  /** endorsed, unchanged, refused: null while open */
  result: string | null
  /** the workflow's refusal (its outcome name) when result is refused */
  refusal: string | null
}

/** One row per member of the electorate; vote null until they vote. */
export interface WrittenProcedureVotesTable {
  procedure_id: string
  user_id: string
  /** endorse, object, abstain */
  vote: string | null
  comment: string | null
  voted_at: string | null
}

export interface Database {
  countries: CountriesTable
  item_types: ItemTypesTable
  strategies: StrategiesTable
  pillars: PillarsTable
  areas: AreasTable
  items: ItemsTable
  item_totals: ItemTotalsTable
  item_proposers: ItemProposersTable
  item_modalities: ItemModalitiesTable
  users: UsersTable
  user_countries: UserCountriesTable
  sessions: SessionsTable
  item_events: ItemEventsTable
  item_status_changes: ItemStatusChangesTable
  cofinancing_flags: CofinancingFlagsTable
  comments: CommentsTable
  comment_revisions: CommentRevisionsTable
  item_follows: ItemFollowsTable
  notifications: NotificationsTable
  email_outbox: EmailOutboxTable
  item_scores: ItemScoresTable
  import_uploads: ImportUploadsTable
  import_plans: ImportPlansTable
  jobs: JobsTable
  snapshots: SnapshotsTable
  snapshot_items: SnapshotItemsTable
  meetings: MeetingsTable
  meeting_agenda: MeetingAgendaTable
  meeting_decisions: MeetingDecisionsTable
  sign_in_failures: SignInFailuresTable
  sign_in_challenges: SignInChallengesTable
  two_factor: TwoFactorTable
  recovery_codes: RecoveryCodesTable
  api_tokens: ApiTokensTable
  meeting_decision_amendments: MeetingDecisionAmendmentsTable
  flash_messages: FlashMessagesTable
  organisations: OrganisationsTable
  one_time_tokens: OneTimeTokensTable
  access_log: AccessLogTable
  notification_preferences: NotificationPreferencesTable
  mail_digests: MailDigestsTable
  digest_entries: DigestEntriesTable
  saved_views: SavedViewsTable
  iati_publisher: IatiPublisherTable
  written_procedures: WrittenProceduresTable
  written_procedure_items: WrittenProcedureItemsTable
  written_procedure_votes: WrittenProcedureVotesTable
  kpi_recommendations: KpiRecommendationsTable
  kpis: KpisTable
  kpi_targets: KpiTargetsTable
  kpi_reports: KpiReportsTable
  kpi_values: KpiValuesTable
  kpi_report_events: KpiReportEventsTable
  kpi_items: KpiItemsTable
  meeting_scorecards: MeetingScorecardsTable
  dashboard_tallies: DashboardTalliesTable
  dashboard_tally_items: DashboardTallyItemsTable
  dashboard_set_tallies: DashboardSetTalliesTable
  dashboard_tally_flags: DashboardTallyFlagsTable
  dashboard_cache: DashboardCacheTable
  portfolio_version: PortfolioVersionTable
  search_version: SearchVersionTable
  search_counts: SearchCountsTable
  search_changes: SearchChangesTable
  dashboard_changes: DashboardChangesTable
  dashboard_search_figures: DashboardSearchFiguresTable
}

/** One row: moved by triggers on items whenever an item is added or removed or its search_text or archived changes (search_changes logs each). */
export interface SearchVersionTable {
  id: number
  version: number | string
}

/** Each change of an item's search text or archived state, under the search version it made (null: none before or after). */
export interface SearchChangesTable {
  version: number | string
  old_text: string | null
  old_archived: number | null
  new_text: string | null
  new_archived: number | null
}

/** How many items a search finds, exact at search version `version` (decision 0050). */
export interface SearchCountsTable {
  /** the searched words (folded) and the archived setting */
  key: string
  version: number | string
  n: number
}

/** A view's dashboard figures (JSON), valid while portfolio_version.version equals `version`. */
export interface DashboardCacheTable {
  /** the view's filters and the first month of its status over time */
  key: string
  version: number
  body: string
}

/**
 * What one item write changed in the figures a view of items adds up (JSON, app/dashboard
 * search-figures.server.ts), under the portfolio version it made; delta null: any item may have
 * changed (decision 0053).
 */
export interface DashboardChangesTable {
  version: number | string
  item_id: string
  delta: string | null
}

/** A text search's dashboard figures as read from its items (JSON), exact at both versions (decision 0053). */
export interface DashboardSearchFiguresTable {
  /** the view's filters and the first month of its status over time */
  key: string
  version: number | string
  search_version: number | string
  body: string
}

/** One row (id 1): incremented by every item write, in its transaction (app/history recordEvent). */
export interface PortfolioVersionTable {
  id: number
  version: number
}

/**
 * The dashboard's summary rows, kept by the item writers (app/dashboard/tallies.server.ts,
 * docs/decisions/0038-dashboard-tallies.md): items and amounts per chart and combination of the
 * filter dimensions. Keys are '' for none.
 */
export interface DashboardTalliesTable {
  /**
   * flag: live co-financing flags by organisation (k1) and stage (k2), amounts in cost_kusd;
   * shift: status changes' net items per month and status (k1), negative for a status left
   */
  chart: 'base' | 'year' | 'country' | 'type' | 'change' | 'flag' | 'shift'
  archived: number
  published: number
  status: string
  quadrant: string
  strategy_id: string
  month: string
  k1: string
  k2: string
  items: number
  cost_kusd: number
  secured_kusd: number
  gap_kusd: number
}

/**
 * The dashboard's summary rows by proposer set (docs/decisions/0043-dashboard-proposer-sets.md):
 * `mask` is the item's proposer countries, bit k for COUNTRY_CODES[k] (0: none). Keys are '' for
 * none; `shift` rows hold a net change of items (negative: items that left the status).
 */
export interface DashboardSetTalliesTable {
  chart: 'total' | 'status' | 'quadrant' | 'pillar' | 'year' | 'type' | 'shift' | 'flag'
  archived: number
  published: number
  mask: number
  month: string
  k1: string
  k2: string
  items: number
  cost_kusd: number
  secured_kusd: number
  gap_kusd: number
}

/** The live co-financing flags each item is counted with in the summary rows now. */
export interface DashboardTallyFlagsTable {
  item_id: string
  organisation: string
  stage: string
  amount_kusd: number | null
}

/** What each item is counted as in dashboard_tallies now. */
export interface DashboardTallyItemsTable {
  item_id: string
  archived: number
  published: number
  status: string
  quadrant: string
  strategy_id: string
  pillar_id: string | null
  start_year: number | null
  proposers_key: string | null
  modalities_key: string | null
  cost_kusd: number | null
  secured_kusd: number | null
  gap_kusd: number | null
  changes_seq: number
}

// The monitoring framework (app/monitoring, docs/decisions/0033-monitoring-framework.md).
export interface KpiRecommendationsTable {
  id: string
  strategy: string
  name_en: string
  name_zh: string | null
  name_ru: string | null
  position: number
}

export interface KpisTable {
  id: string
  code: string
  recommendation_id: string
  name_en: string
  name_zh: string | null
  name_ru: string | null
  /** JSON array of body names */
  responsible: string
  /** JSON array of body names */
  supporting: string
  frequency: Frequency
  unit: string | null
  direction: Direction
  position: number
  updated_at: string
}

export interface KpiTargetsTable {
  kpi_id: string
  /** a member country's code, or REG for the regional baseline and target */
  scope: CountryCode
  baseline: number | null
  baseline_year: number | null
  target: number | null
  target_year: number | null
}

export interface KpiReportsTable {
  id: string
  /** 2025, 2025-H1, 2025-H2 */
  period: string
  country_code: CountryCode
  state: ReportState
  return_reason: string | null
  updated_at: string
}

export interface KpiValuesTable {
  report_id: string
  kpi_id: string
  value: number | null
  source: string | null
  note: string | null
}

export interface KpiReportEventsTable {
  id: string
  report_id: string
  seq: number
  kind: ReportStep
  from_state: ReportState | null
  to_state: ReportState
  reason: string | null
  actor_id: string | null
  at: string
}

export interface KpiItemsTable {
  kpi_id: string
  item_id: string
  linked_at: string
}

export interface MeetingScorecardsTable {
  meeting_id: string
  period: string
  added_at: string
  added_by: string
}

/** A database handle or an open transaction: server functions take either. */
export type DB = Kysely<Database> | Transaction<Database>

export type ItemRow = Selectable<ItemsTable>
export type NewItemRow = Insertable<ItemsTable>
export type UserRow = Selectable<UsersTable>
