import { DEFAULT_COLUMNS } from './columns'
import { CODE_LIST_PARAMS, DEFAULT_PAGE_SIZE } from './list-query'

const CODE_LISTS: readonly string[] = CODE_LIST_PARAMS

/**
 * The filter form's fields as a short URL: defaults left out, code lists joined with commas
 * (`proposers=KAZ,UZB`), the default columns not spelled out. The long form means the same view;
 * this one is what people copy and paste.
 */
export function compactViewParams(fields: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams()
  const cols = fields.getAll('cols')
  for (const key of new Set(fields.keys())) {
    const values = fields.getAll(key).filter((v) => v !== '')
    if (values.length === 0 || key === 'cols' || key === 'page') continue
    if (key === 'archived' && values[0] === 'exclude') continue
    if (key === 'pageSize' && values[0] === String(DEFAULT_PAGE_SIZE)) continue
    if (key === 'sort' && values[0] === 'ref') continue
    if (CODE_LISTS.includes(key)) out.set(key, values.join(','))
    else for (const value of values) out.append(key, value)
  }
  const sameAsDefault =
    cols.length === DEFAULT_COLUMNS.length && DEFAULT_COLUMNS.every((c) => cols.includes(c))
  if (cols.length && !sameAsDefault) out.set('cols', cols.join(','))
  return out
}
