import { spawn } from 'node:child_process'
import { once } from 'node:events'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// `npm start` under a process manager: a fatal error must end the process with a failure status
// (so it is restarted or reported), not leave it serving errors or hanging.

const ROOT = fileURLToPath(new URL('..', import.meta.url))

describe('npm start', () => {
  it('exits with status 1 and says why when the database cannot be opened', async () => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/index.ts'], {
      cwd: ROOT,
      // Nothing listens on port 9 (discard): the connection is refused at once.
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(1)
    expect(output).toContain('Fatal: cannot open or migrate the database (DATABASE_URL)')
  }, 60_000)
})
