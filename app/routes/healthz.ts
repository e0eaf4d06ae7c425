import { sql } from 'kysely'
import { getDb } from '~/db.server'

export async function loader() {
  try {
    const db = await getDb()
    await sql`select 1`.execute(db)
    return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    console.error('healthz: database not answering', error)
    return Response.json({ status: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
  }
}
