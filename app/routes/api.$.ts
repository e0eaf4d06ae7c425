import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { apiError } from '~/api/responses.server'

// Unknown addresses under /api answer in JSON, as machines expect, not with the HTML 404 page.
export function loader({ request }: LoaderFunctionArgs) {
  return apiError(404, 'not_found', `No such API address: ${new URL(request.url).pathname}`)
}

export function action({ request }: ActionFunctionArgs) {
  return apiError(404, 'not_found', `No such API address: ${new URL(request.url).pathname}`)
}
