import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Actor } from '../../app/permissions/permissions'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface Elsewhere {
  /** the outcome printed (a 'done' with how it was planned), null when the process died */
  outcome: { kind: string; planned?: string } | null
  /** killed by SIGKILL (tsx runs the script in a child of its own and answers 137 for it) */
  killed: boolean
  stderr: string
}

/**
 * Confirms an upload in a process of its own (tests/setup/confirm-import.ts): another server, or
 * this one restarted, sharing nothing with the caller but the database.
 */
export function confirmElsewhere(
  url: string,
  actor: Actor,
  uploadId: string,
  digest: string,
  options: { dieInHistory?: boolean } = {},
): Promise<Elsewhere> {
  const args = ['tests/setup/confirm-import.ts', url, JSON.stringify(actor), uploadId, digest]
  if (options.dieInHistory) args.push('--die-in-history')
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      const killed = signal === 'SIGKILL' || code === 137
      if (code !== 0 && !killed) reject(new Error(`confirm-import.ts ended with ${code}: ${stderr}`))
      else resolve({ outcome: stdout ? (JSON.parse(stdout) as Elsewhere['outcome']) : null, killed, stderr })
    })
  })
}
