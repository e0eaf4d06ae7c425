// A name stored in English with optional Chinese and Russian: the reader's, else English.
export function nameIn(
  names: { en: string; zh: string | null; ru: string | null },
  language: string,
): string {
  if (language === 'zh' && names.zh) return names.zh
  if (language === 'ru' && names.ru) return names.ru
  return names.en
}
