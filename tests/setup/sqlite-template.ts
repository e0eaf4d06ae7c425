import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { connect, migrateToLatest } from '../../db/connect'

// Shared by the vitest global setup (main process) and tests/setup/test-db.ts (test workers):
// nothing here may import vitest.

export const TMP_ROOT = fileURLToPath(new URL('../.tmp/', import.meta.url))

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A new folder under tests/.tmp/ named after this process; first removes those of processes gone. */
export function makeTmpDir(prefix: 'run' | 'p'): string {
  fs.mkdirSync(TMP_ROOT, { recursive: true })
  for (const entry of fs.readdirSync(TMP_ROOT)) {
    const pid = Number(/^(?:run|p)(\d+)-/.exec(entry)?.[1])
    if (pid && pid !== process.pid && !pidIsAlive(pid))
      fs.rmSync(path.join(TMP_ROOT, entry), { recursive: true, force: true })
  }
  return fs.mkdtempSync(path.join(TMP_ROOT, `${prefix}${process.pid}-`))
}

/** Migrates a new SQLite file to the latest schema and closes it, ready to be copied. */
export async function makeTemplate(file: string): Promise<void> {
  const db = connect(file)
  try {
    await migrateToLatest(db)
  } finally {
    // Closing checkpoints the WAL into the main file, so copying that one file is enough.
    await db.destroy()
  }
}

export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
}
