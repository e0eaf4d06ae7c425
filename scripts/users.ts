import { runUsersCommand } from './users-cli'
import { withDatabase } from './cli'

// npm run users -- add|list|deactivate|reactivate|reset|token ... (scripts/users-cli.ts says what each does)

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

let code = 0
await withDatabase(async (db) => {
  code = await runUsersCommand(db, process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    readStdin,
  })
})
process.exitCode = code
