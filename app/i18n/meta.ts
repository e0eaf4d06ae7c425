import type { MetaDescriptor } from '@remix-run/node'
import type { TFunction } from 'i18next'
import { DEFAULT_LANGUAGE, translator } from './i18n'
import type { TranslationKey } from './keys'

const translators = new Map<string, TFunction>()

function t(language: string): TFunction {
  let found = translators.get(language)
  if (!found) translators.set(language, (found = translator(language)))
  return found
}

type Matches = ReadonlyArray<{ id: string; data?: unknown } | undefined>

/** A page title in the reader's language ("Portfolio · CAREC Pipeline"); meta functions cannot use hooks. */
export function pageTitle(
  matches: Matches,
  key: TranslationKey | null,
  values: Record<string, unknown> = {},
  text?: string,
): MetaDescriptor[] {
  const root = matches.find((m) => m?.id === 'root')?.data as { language?: string } | undefined
  const tr = t(root?.language ?? DEFAULT_LANGUAGE)
  const page = text ?? (key ? tr(key, values) : null)
  return [{ title: page ? `${page} · ${tr('app.name')}` : tr('app.name') }]
}
