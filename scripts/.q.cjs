const Database = require('better-sqlite3')
const db = new Database(process.argv[2])
for (const s of process.argv.slice(3)) {
  const t = performance.now()
  try { const st = db.prepare(s); const r = st.reader ? st.all() : st.run(); console.log(JSON.stringify(r).slice(0, 400), (performance.now() - t).toFixed(1), 'ms') } catch (e) { console.log('ERR', e.message) }
}
