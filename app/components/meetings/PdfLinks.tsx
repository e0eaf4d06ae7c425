import { useTranslation } from 'react-i18next'
import { OtherLanguageLinks } from '~/components/i18n/OtherLanguageLinks'

/**
 * The pack's PDF in the reader's language, then in the others, as one piece of text: in a flex
 * row of actions, loose brackets would each become an item of their own, stranded on narrow
 * screens.
 */
export function PdfLinks({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation()
  const href = `/meetings/${meetingId}/pack.pdf`
  return (
    <span className="pdf-links">
      <a href={href} download>
        {t('meetings.page.pdf')}
      </a>
      {t('punctuation.open')}
      <OtherLanguageLinks href={href} label={t('meetings.page.pdfOther')} />
      {t('punctuation.close')}
    </span>
  )
}
