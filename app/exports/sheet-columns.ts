import type { TFunction } from 'i18next'
import { NO_TAXONOMY_NAMES, taxonomyName, type TaxonomyNames } from '../i18n/taxonomy'
import { COLUMNS, type ColumnId } from '../portfolio/columns'
import { FIELDS, fieldNamed, type Field, type FieldName } from '../portfolio/fields'
import type { FieldRow } from '../portfolio/field-rows.server'
import { messageKey } from '../i18n/keys'
import type { ListQuery } from '../portfolio/list-query'

// The XLSX export's columns, derived from the table's columns and the field registry: each field
// a table column shows is one sheet column, written as the registry's `sheet` says. The importer
// reads them back (app/importer/interchange.ts), so a downloaded workbook can be imported again.

export type SheetValue = string | number | Date | null

export interface SheetColumn {
  header: string
  kind: 'text' | 'wrap' | 'amount' | 'year' | 'date'
  width: number
  /** the field it holds; null for partner interest, which is not an item field */
  field: FieldName | null
  value: (item: FieldRow) => SheetValue
}

export type SheetField = Extract<Field, { sheet: object }>

/**
 * How a field's value becomes a cell: codes as their labels where the sheet says so, amounts in
 * USD million, dates as dates. Made once per column (the label lookup with it), not per cell: a
 * closure made per cell was a fifth of the sheet's own time (docs/decisions/0047).
 */
function sheetValueOf(field: SheetField, t: TFunction): (value: unknown) => SheetValue {
  const labelled = 'labels' in field.sheet && field.sheet.labels && 'codeLabels' in field
  // each code's label kept by the column: a key made and looked up per cell was a tenth of the sheet's own time
  const kept = new Map<string, string>()
  const label = labelled
    ? (code: string) => {
        let text = kept.get(code)
        if (text === undefined) kept.set(code, (text = t(messageKey(`${field.codeLabels}.${code}`))))
        return text
      }
    : (code: string) => code
  switch (field.kind) {
    case 'codes':
      return (value) => (value == null ? null : (value as string[]).map(label).join(', '))
    case 'status':
    case 'quadrant':
      return (value) => (value == null ? null : label(value as string))
    case 'flag': {
      const [yes, no] = [t('form.yes'), t('form.no')]
      return (value) => (value == null ? null : value ? yes : no)
    }
    case 'timestamp':
      return (value) => (value == null ? null : new Date(value as string))
    default:
      return (value) => (value == null ? null : (value as string | number))
  }
}

const TAXONOMY = new Set<FieldName>(['strategy', 'pillar', 'area'])

const fieldColumn = (field: SheetField, t: TFunction, names: TaxonomyNames): SheetColumn => ({
  header: t(field.sheet.header),
  kind: field.sheet.kind,
  width: field.sheet.width,
  field: field.name,
  // Strategy, pillar and area in the reader's language (the importer takes a stored translation for its name).
  value: TAXONOMY.has(field.name)
    ? (item) => {
        const name = item[field.name] as string | null
        return name && taxonomyName(names, field.name as 'strategy' | 'pillar' | 'area', name)
      }
    : valueOfField(field, t),
})

function valueOfField(field: SheetField, t: TFunction): (item: FieldRow) => SheetValue {
  const value = sheetValueOf(field, t)
  return (item) => value(item[field.name])
}

/** A sheet that may hold archived items has a column saying which are. */
export const archivedShown = (query: Pick<ListQuery, 'archived'>) => query.archived !== 'exclude'

/**
 * The fields a sheet of the table's visible columns holds, in its column order ("Years" is two,
 * start and end; interest, not an item field, is 'interest'); a sheet that may hold archived items
 * gets a column saying which are. What the export reads of each item, and the sheet's columns.
 */
export function sheetFields(
  columns: readonly ColumnId[],
  archivedShown: boolean,
): Array<SheetField | 'interest'> {
  const out: Array<SheetField | 'interest'> = []
  for (const id of columns) {
    if (id === 'interest') out.push('interest')
    else for (const name of COLUMNS.find((c) => c.id === id)!.fields) out.push(fieldNamed(name) as SheetField)
  }
  if (archivedShown) out.push(fieldNamed('archived') as SheetField)
  return out
}

/** The sheet's columns for the table's visible ones (sheetFields), with their headers in the reader's language. */
export function sheetColumns(
  columns: readonly ColumnId[],
  archivedShown: boolean,
  translate: TFunction,
  names: TaxonomyNames = NO_TAXONOMY_NAMES,
) {
  // Labels of codes (status, type, priority) looked up once each: i18next per cell costs as much as writing the file.
  const labels = new Map<string, string>()
  const t = ((key: string) =>
    labels.get(key) ?? (labels.set(key, translate(messageKey(key))), labels.get(key)!)) as TFunction
  return sheetFields(columns, archivedShown).map(
    (field): SheetColumn =>
      field === 'interest'
        ? {
            header: t('field.interest'),
            kind: 'wrap',
            width: 30,
            field: null,
            value: (i) =>
              (i.interest ?? [])
                .map((f) => `${f.organisation} · ${t(`cofinancing.stage.${f.stage}`)}`)
                .join(', '),
          }
        : fieldColumn(field, t, names),
  )
}

/** Every header an export can have in this language, with its field (null: partner interest). */
export function sheetHeaders(t: TFunction): Map<string, FieldName | null> {
  const all = sheetColumns(
    COLUMNS.map((c) => c.id),
    true,
    t,
  )
  return new Map(all.map((c) => [c.header, c.field]))
}

/**
 * A cell of an export as the interchange format writes it: labels back to codes, ", " lists to
 * ";" lists. Text that matches no label is left as it is, so the field's own check names it.
 */
export function interchangeTextOf(name: FieldName, text: string, t: TFunction): string {
  const field = FIELDS.find((f) => f.name === name)
  if (!field || !('sheet' in field) || (field.kind !== 'codes' && field.kind !== 'status')) return text
  const labelled = 'labels' in field.sheet && field.sheet.labels
  const codeOf = (part: string) => {
    if (!labelled) return part
    const code = field.codes.find((c) => t(messageKey(`${field.codeLabels}.${c}`)) === part)
    return code ?? part
  }
  if (field.kind === 'status') return codeOf(text.trim())
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(codeOf)
    .join(';')
}
