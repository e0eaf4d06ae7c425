import type { Migration } from 'kysely'
import * as portfolioRegister from './2026_11_25_0900_portfolio_register'
import * as workflow from './2026_11_25_1000_workflow'
import * as cofinancing from './2026_11_25_1100_cofinancing'
import * as comments from './2026_11_25_1110_comments'
import * as notifications from './2026_11_25_1200_notifications'
import * as financingSources from './2026_11_25_1210_financing_sources'
import * as partnerInterestIndex from './2026_11_25_1220_partner_interest_index'
import * as scores from './2026_11_25_1230_scores'
import * as importUploads from './2026_11_25_1240_import_uploads'
import * as snapshots from './2026_11_25_1250_snapshots'
import * as meetings from './2026_11_25_1300_meetings'
import * as peopleAndAccess from './2026_11_30_1200_people_and_access'
import * as itemText from './2026_11_30_1800_item_text'
import * as taxonomyNames from './2026_11_30_1900_taxonomy_names'
import * as signInProtection from './2026_11_30_2000_sign_in_protection'
import * as overview from './2026_11_30_2100_overview'
import * as writtenProcedures from './2026_12_01_0100_written_procedures'
import * as savedViews from './2026_12_01_0200_saved_views'
import * as decisionAmendments from './2026_12_01_0300_decision_amendments'
import * as flashMessages from './2026_12_01_0310_flash_messages'
import * as iati from './2026_12_01_0400_iati'
import * as monitoring from './2026_12_01_0500_monitoring'
import * as translationSources from './2026_12_01_0600_translation_sources'
import * as jobs from './2026_12_01_0700_jobs'
import * as searchIndex from './2026_12_01_0900_search_index'
import * as dashboardTallies from './2026_12_02_0100_dashboard_tallies'
import * as itemTotals from './2026_12_02_0200_item_totals'
import * as signInSequence from './2026_12_02_0500_sign_in_sequence'
import * as snapshotComplete from './2026_12_02_0510_snapshot_complete'
import * as dashboardSetTallies from './2026_12_03_0100_dashboard_set_tallies'
import * as searchBigrams from './2026_12_03_0300_search_bigrams'
import * as openingJobs from './2026_12_03_0500_opening_jobs'
import * as interestKey from './2026_12_03_0600_interest_key'
import * as searchCounts from './2026_12_04_0200_search_counts'
import * as itemTotalsPerStatement from './2026_12_04_0400_item_totals_per_statement'
import * as statusMovesIndex from './2026_12_05_0100_status_moves_index'
import * as dashboardChanges from './2026_12_05_0110_dashboard_changes'
import * as importPlans from './2026_12_06_0200_import_plans'
import * as flagOrganisationIndex from './2026_12_09_0100_flag_organisation_index'

// Listed by hand rather than read from the folder so the same list works in the built server
// bundle, in tsx scripts and in tests. Append new migrations; never reorder or edit landed ones.
export const migrations: Record<string, Migration> = {
  '2026_11_25_0900_portfolio_register': portfolioRegister,
  '2026_11_25_1000_workflow': workflow,
  '2026_11_25_1100_cofinancing': cofinancing,
  '2026_11_25_1110_comments': comments,
  '2026_11_25_1200_notifications': notifications,
  '2026_11_25_1210_financing_sources': financingSources,
  '2026_11_25_1220_partner_interest_index': partnerInterestIndex,
  '2026_11_25_1230_scores': scores,
  '2026_11_25_1240_import_uploads': importUploads,
  '2026_11_25_1250_snapshots': snapshots,
  '2026_11_25_1300_meetings': meetings,
  '2026_11_30_1200_people_and_access': peopleAndAccess,
  '2026_11_30_1800_item_text': itemText,
  '2026_11_30_1900_taxonomy_names': taxonomyNames,
  '2026_11_30_2000_sign_in_protection': signInProtection,
  '2026_11_30_2100_overview': overview,
  '2026_12_01_0100_written_procedures': writtenProcedures,
  '2026_12_01_0200_saved_views': savedViews,
  '2026_12_01_0300_decision_amendments': decisionAmendments,
  '2026_12_01_0310_flash_messages': flashMessages,
  '2026_12_01_0400_iati': iati,
  '2026_12_01_0500_monitoring': monitoring,
  '2026_12_01_0600_translation_sources': translationSources,
  '2026_12_01_0700_jobs': jobs,
  '2026_12_01_0900_search_index': searchIndex,
  '2026_12_02_0100_dashboard_tallies': dashboardTallies,
  '2026_12_02_0200_item_totals': itemTotals,
  '2026_12_02_0500_sign_in_sequence': signInSequence,
  '2026_12_02_0510_snapshot_complete': snapshotComplete,
  '2026_12_03_0100_dashboard_set_tallies': dashboardSetTallies,
  '2026_12_03_0300_search_bigrams': searchBigrams,
  '2026_12_03_0500_opening_jobs': openingJobs,
  '2026_12_03_0600_interest_key': interestKey,
  '2026_12_04_0200_search_counts': searchCounts,
  '2026_12_04_0400_item_totals_per_statement': itemTotalsPerStatement,
  '2026_12_05_0100_status_moves_index': statusMovesIndex,
  '2026_12_05_0110_dashboard_changes': dashboardChanges,
  '2026_12_06_0200_import_plans': importPlans,
  '2026_12_09_0100_flag_organisation_index': flagOrganisationIndex,
}
