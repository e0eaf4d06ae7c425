import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { methodNotAllowed } from '~/api/responses.server'
import { getDb } from '~/db.server'
import { listFramework } from '~/monitoring/framework.server'
import { guardApi } from '~/permissions/guard.server'

// GET /api/v1/kpis: the monitoring framework, each KPI with its recommendation, names, bodies,
// frequency, unit, direction, baselines and targets (same session or token rules as /api/v1/items).
export async function loader({ request }: LoaderFunctionArgs) {
  await guardApi(request, 'kpi:read')
  const kpis = await listFramework(await getDb())
  // the database's ids stay inside: a KPI is known by its code
  return Response.json({
    kpis: kpis.map((kpi) => ({
      code: kpi.code,
      strategy: kpi.strategy,
      recommendation: kpi.recommendation,
      name: kpi.name,
      responsible: kpi.responsible,
      supporting: kpi.supporting,
      frequency: kpi.frequency,
      unit: kpi.unit,
      direction: kpi.direction,
      targets: kpi.targets,
    })),
  })
}

export function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request)
}
