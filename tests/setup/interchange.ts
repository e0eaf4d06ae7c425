// The interchange CSV's columns, in order: the published contract (docs and other systems read
// it), written out here by hand so that a change to the code's column list fails the tests that
// hold it to this.
export const INTERCHANGE_HEADER = [
  'ref',
  'strategy',
  'pillar',
  'area',
  'title_en',
  'title_zh',
  'title_ru',
  'modalities',
  'proposers',
  'status',
  'start_year',
  'end_year',
  'cost_usd_m',
  'secured_usd_m',
  'partners',
  'strategic_importance',
  'ease_of_implementation',
  'description_en',
  'source',
  'dac_code',
] as const
