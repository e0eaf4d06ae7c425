import type { TFunction } from 'i18next'
import { paramMessage, type ParamProblem } from '../portfolio/url-params'

/** JSON answers of the machine interface: every error names what went wrong, never a stack. */
export function apiError(
  status: number,
  error: string,
  message: string,
  extra: Record<string, unknown> = {},
): Response {
  return Response.json({ error, message, ...extra }, { status })
}

/** For the API's read-only addresses: anything but GET is a clear 405, not Remix's 500-ish default. */
export function methodNotAllowed(request: Request, allowed = 'GET'): Response {
  return Response.json(
    { error: 'method_not_allowed', message: `${request.method} is not allowed here; use ${allowed}.` },
    { status: 405, headers: { Allow: allowed } },
  )
}

/** A file download: private, never cached, never sniffed as another type. */
export function downloadResponse(body: BodyInit, contentType: string, filename: string): Response {
  return new Response(body, {
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

/** A URL parameter the API cannot read: 400 naming it, in our words in the request's language (app/portfolio/url-params.ts). */
export function badParameter(t: TFunction, problem: ParamProblem): Response {
  return apiError(400, 'bad_parameter', paramMessage(t, problem), { parameter: problem.param })
}
