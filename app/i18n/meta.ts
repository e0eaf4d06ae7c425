import type { MetaDescriptor } from '@remix-run/node'
import type { TFunction } from 'i18next'
import { DEFAULT_LANGUAGE, translator } from './i18n'
import { isLanguage, type Language } from './languages'
import type { TranslationKey } from './keys'

const translators = new Map<string, TFunction>()

function t(language: string): TFunction {
  let found = translators.get(language)
  if (!found) translators.set(language, (found = translator(language)))
  return found
}

type Matches = ReadonlyArray<{ id: string; data?: unknown } | undefined>

/** The reader's language, from the root loader's data, for meta functions (which cannot use hooks). */
export function readerLanguage(matches: Matches): Language {
  const root = matches.find((m) => m?.id === 'root')?.data as { language?: string } | undefined
  return isLanguage(root?.language) ? root.language : DEFAULT_LANGUAGE
}

/** A page title in the reader's language ("Portfolio · CAREC Pipeline"); meta functions cannot use hooks. */
export function pageTitle(
  matches: Matches,
  key: TranslationKey | null,
  values: Record<string, unknown> = {},
  text?: string,
): MetaDescriptor[] {
  const tr = t(readerLanguage(matches))
  const page = text ?? (key ? tr(key, values) : null)
  return [{ title: page ? `${page} · ${tr('app.name')}` : tr('app.name') }]
}
