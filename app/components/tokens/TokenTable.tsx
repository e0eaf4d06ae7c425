import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatUtc } from '~/i18n/format'

export interface TokenListRow {
  id: string
  name: string
  kind: 'read' | 'write'
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string
  owner?: { name: string; email: string }
}

/** Tokens with a Revoke button each; with owners, the secretariat's view of everyone's. */
export function TokenTable({
  tokens,
  caption,
  busy,
}: {
  tokens: TokenListRow[]
  caption: string
  busy: boolean
}) {
  const { t, i18n } = useTranslation()
  const withOwner = tokens.some((token) => token.owner)
  return (
    <table className="items tokens-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {withOwner ? <th scope="col">{t('tokens.colOwner')}</th> : null}
          <th scope="col">{t('tokens.colName')}</th>
          <th scope="col">{t('tokens.colKind')}</th>
          <th scope="col">{t('tokens.colCreated')}</th>
          <th scope="col">{t('tokens.colLastUsed')}</th>
          <th scope="col">{t('tokens.colExpires')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('tokens.revoke')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id}>
            {token.owner ? (
              <td>
                {token.owner.name} <span className="muted">{token.owner.email}</span>
              </td>
            ) : null}
            <th scope="row">{token.name}</th>
            <td>{token.kind === 'write' ? t('tokens.kindWrite') : t('tokens.kindRead')}</td>
            <td>{formatUtc(token.createdAt, i18n.language)}</td>
            <td>{token.lastUsedAt ? formatUtc(token.lastUsedAt, i18n.language) : t('tokens.never')}</td>
            <td>{formatUtc(token.expiresAt, i18n.language)}</td>
            <td>
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="id" value={token.id} />
                <button
                  type="submit"
                  className="link-button"
                  disabled={busy}
                  aria-label={t('tokens.revokeLabel', { name: token.name })}
                >
                  {t('tokens.revoke')}
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
