const Database = require('better-sqlite3')
const db = new Database(process.argv[2])
const reps = Number(process.env.REPS || 1)
for (const s of process.argv.slice(3)) {
  try { const st = db.prepare(s); let r; const ts = []
    for (let k = 0; k < reps; k++) { const t = performance.now(); r = st.reader ? st.all() : st.run(); ts.push(performance.now() - t) }
    ts.sort((a, b) => a - b)
    console.log(JSON.stringify(r).slice(0, 300), 'median', ts[Math.floor(ts.length / 2)].toFixed(2), 'ms') } catch (e) { console.log('ERR', e.message) }
}
