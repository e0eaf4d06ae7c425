import { Form } from '@remix-run/react'

/**
 * A big view's export, started as a background job (POST /jobs, docs/decisions/0035): a plain
 * form, so it works without JavaScript; the job's page follows it.
 */
export function StartJobButton({
  kind,
  search,
  label,
  title,
}: {
  kind: 'export_csv' | 'export_xlsx' | 'export_iati'
  /** the view's query string, without `?` */
  search: string
  label: string
  title: string
}) {
  return (
    <Form method="post" action="/jobs" className="inline-form">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="search" value={search} />
      <button type="submit" className="link-button" title={title}>
        {label}
      </button>
    </Form>
  )
}
