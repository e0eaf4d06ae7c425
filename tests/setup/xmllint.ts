import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The official IATI 2.03 activities schema, as copied into the project. */
export const IATI_SCHEMA = fileURLToPath(
  new URL('../../db/data/iati/iati-activities-schema.xsd', import.meta.url),
)

/**
 * Validates XML against the IATI schema with xmllint (Debian's libxml2-utils; scripts/ensure-test-
 * deps.sh installs it): a real XSD validator, not our own reading of the schema.
 */
export function validateIati(xml: string): { valid: boolean; errors: string } {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', IATI_SCHEMA, '-'], {
    input: xml,
    encoding: 'utf8',
  })
  if (run.error)
    throw new Error(`xmllint could not run (apt-get install -y libxml2-utils): ${run.error.message}`)
  // xmllint ends with "- validates" or "- fails to validate"; the rest are the schema's errors
  return {
    valid: run.status === 0,
    errors: run.stderr.replace(/^- (validates|fails to validate)\n?/m, '').trim(),
  }
}
