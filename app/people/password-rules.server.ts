import type { ZxcvbnFactory } from '@zxcvbn-ts/core'
import type * as Core from '@zxcvbn-ts/core'
import type * as Common from '@zxcvbn-ts/language-common'
import type * as English from '@zxcvbn-ts/language-en'
import { onFirstUse } from '../load-package.server'
import { PASSWORD_MAX, PASSWORD_MIN, visibleLength } from './schema'

// Password rules (OWASP ASVS 2.1): at least 12 characters (runs of spaces count once), at most
// 128, any characters; refused when it contains the person's e-mail or name, or when zxcvbn
// finds it easy to guess: among commonly used passwords, common words and names, keyboard
// patterns, dates or sequences. zxcvbn-ts with its common and English dictionaries is a
// maintained estimator, not a hand-written list (docs/decisions/0020-accounts-and-invitations.md).

/** zxcvbn's scale runs 0..4; 3 is "safely unguessable: moderate protection from offline attack". */
const MIN_SCORE = 3

export type PasswordProblem =
  | 'password.tooShort'
  | 'password.tooLong'
  | 'password.containsEmail'
  | 'password.containsName'
  | 'password.common'

let estimator: ZxcvbnFactory | undefined
function zxcvbn(): ZxcvbnFactory {
  estimator ??= buildEstimator()
  return estimator
}

// Building the dictionaries takes about 0.1 s: once per process, on first use. Loaded then too:
// the dictionaries are about 10 MB of a V8 heap (load-package.server.ts).
function buildEstimator(): ZxcvbnFactory {
  const { ZxcvbnFactory } = onFirstUse<typeof Core>('@zxcvbn-ts/core')()
  const common = onFirstUse<typeof Common>('@zxcvbn-ts/language-common')()
  const english = onFirstUse<typeof English>('@zxcvbn-ts/language-en')()
  return new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  })
}

/** The parts of a name or e-mail long enough to matter: "Aigerim Sadykova" -> aigerim, sadykova. */
function personalWords(email: string, name: string): { email: string[]; name: string[] } {
  const local = email.toLowerCase().split('@')[0] ?? ''
  const words = (text: string) =>
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 3)
  return {
    email: [email.toLowerCase(), local, ...words(local)].filter((w) => w.length >= 3),
    name: [name.toLowerCase().replace(/\s+/g, ''), ...words(name)].filter((w) => w.length >= 3),
  }
}

/** Why this password may not be used by this person, or null when it may. */
export function passwordProblem(
  password: string,
  person: { email: string; name: string },
): PasswordProblem | null {
  const length = visibleLength(password)
  if (length < PASSWORD_MIN) return 'password.tooShort'
  if ([...password].length > PASSWORD_MAX) return 'password.tooLong'
  const lower = password.toLowerCase()
  const personal = personalWords(person.email, person.name)
  if (personal.email.some((w) => lower.includes(w))) return 'password.containsEmail'
  if (personal.name.some((w) => lower.includes(w))) return 'password.containsName'
  const result = zxcvbn().check(password, [...personal.email, ...personal.name])
  return result.score < MIN_SCORE ? 'password.common' : null
}
