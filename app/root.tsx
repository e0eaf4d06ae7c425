import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useParams,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { useMemo, type ReactNode } from 'react'
import { I18nextProvider } from 'react-i18next'
import { getUser } from './auth/session.server'
import { getDb } from './db.server'
import { unreadCount } from './notifications/inbox.server'
import { can } from './permissions/permissions'
import { LanguageSwitcher } from './components/i18n/LanguageSwitcher'
import { TaxonomyNamesProvider } from './components/i18n/TaxonomyNames'
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_TAGS } from './i18n/i18n'
import { languageCookieFor, resolveLanguage } from './i18n/language.server'
import { pageTitle } from './i18n/meta'
import { i18nFor, useText } from './i18n/use-text'
import { useNonce } from './security/nonce'
import { NO_TAXONOMY_NAMES } from './i18n/taxonomy'
import { getTaxonomyNames } from './portfolio/taxonomy-names.server'
import styles from './styles/app.css?url'
import { messageKey } from './i18n/keys'
import { FlashRegion } from './components/feedback/FlashMessage'
import { navLink, usePlainLinkClicks } from './components/links'
import { takeFlash } from './feedback/flash.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = ({ error, matches }) => {
  if (!error) return pageTitle(matches, null)
  const status = isRouteErrorResponse(error) ? error.status : 500
  return pageTitle(
    matches,
    status === 403 ? 'error.forbiddenTitle' : status === 404 ? 'error.notFoundTitle' : 'error.title',
  )
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  // A shared link's ?lng= is remembered, so the next click stays in its language.
  const cookie = languageCookieFor(request)
  const language = resolveLanguage(request, user)
  return data(
    {
      language,
      // Strategy, pillar and area names in this language: a few dozen, for every page that shows one.
      taxonomyNames: user ? await getTaxonomyNames(await getDb(), language) : NO_TAXONOMY_NAMES,
      user: user && {
        name: user.name,
        role: user.role,
        // joined where it is shown, as the reader's language joins a list
        countries: user.countries,
        organisation: user.organisation,
        unread: await unreadCount(await getDb(), user.id),
        managesPeople: can(user, 'people:manage'),
      },
      // what the last action did (app/feedback): read once, shown by FlashRegion
      flash: user ? await takeFlash(await getDb(), request) : null,
    },
    cookie ? { headers: { 'Set-Cookie': cookie } } : undefined,
  )
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>('root')
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRootData()
  const language = isLanguage(root?.language) ? root.language : DEFAULT_LANGUAGE
  const i18n = useMemo(() => i18nFor(language), [language])
  const nonce = useNonce()
  return (
    <html lang={LANGUAGE_TAGS[language]}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <TaxonomyNamesProvider names={root?.taxonomyNames ?? NO_TAXONOMY_NAMES}>
            <Chrome language={language}>{children}</Chrome>
          </TaxonomyNamesProvider>
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

function Chrome({ children, language }: { children: ReactNode; language: string }) {
  const { t } = useText()
  const root = useRootData()
  const user = root?.user
  const scope = user ? user.countries.join(t('punctuation.list')) || user.organisation : null
  // Plain anchors (app/components/links.ts): the header is on every page.
  const { pathname } = useLocation()
  const nav = (to: string, end = false) => navLink(pathname, to, end)
  usePlainLinkClicks()
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header no-print">
        <a className="brand" data-discover="true" href="/">
          {t('app.name')}
        </a>
        {user ? (
          <nav aria-label={t('app.mainNav')}>
            <a {...nav('/', true)}>{t('app.dashboard')}</a>
            <a {...nav('/items')}>{t('app.portfolio')}</a>
            <a {...nav('/gaps')}>{t('app.gaps')}</a>
            <a {...nav('/priorities')}>{t('app.priorities')}</a>
            <a {...nav('/activity')}>{t('app.activity')}</a>
            <a {...nav('/meetings')}>{t('app.meetings')}</a>
            <a {...nav('/procedures')}>{t('app.procedures')}</a>
            <a {...nav('/kpis')}>{t('kpi.nav')}</a>
            <a {...nav('/snapshots')}>{t('app.snapshots')}</a>
            {user.managesPeople ? <a {...nav('/people')}>{t('app.people')}</a> : null}
            <a
              {...nav('/inbox')}
              // the name is what the link shows ("Inbox 8", as voice control users say it); the
              // description says what the number is
              title={user.unread > 0 ? t('app.inboxUnread', { count: user.unread }) : undefined}
            >
              {t('app.inbox')}{' '}
              {user.unread > 0 ? <span className="badge unread-badge">{user.unread}</span> : null}
            </a>
          </nav>
        ) : null}
        <div className="account">
          <LanguageSwitcher current={language} />
          {user ? (
            <>
              <span>
                {t('app.signedInAs', {
                  name: user.name,
                  role: scope ? `${t(`role.${user.role}`)} · ${scope}` : t(`role.${user.role}`),
                })}
              </span>
              <a data-discover="true" href="/account">
                {t('app.account')}
              </a>
              <Form method="post" action="/logout">
                <button type="submit" className="link-button">
                  {t('app.signOut')}
                </button>
              </Form>
            </>
          ) : (
            <>
              <a {...nav('/public')}>{t('app.publicPortfolio')}</a>
              <a {...nav('/login')}>{t('app.signIn')}</a>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <FlashRegion flash={root?.flash ?? null} />
        {children}
      </main>
    </>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { t } = useText()
  const { ref } = useParams()
  let title = t('error.title')
  let message = t('error.unexpected')
  if (isRouteErrorResponse(error)) {
    const body = error.data as { forbidden?: string; message?: string } | string | null
    if (error.status === 403) {
      title = t('error.forbiddenTitle')
      const action = typeof body === 'object' && body?.forbidden
      message = action
        ? t(messageKey(`error.forbidden.${action}`))
        : typeof body === 'string' && body
          ? body
          : t('error.forbidden.generic')
    } else if (error.status === 404) {
      title = t('error.notFoundTitle')
      message = t('error.notFound')
    } else if (error.status === 409 && typeof body === 'object' && body?.message) {
      message = t(messageKey(body.message))
    }
  }
  return (
    <section className="error-page" role="alert">
      <h1>{title}</h1>
      <p>{message}</p>
      <p className="actions">
        {ref && isRouteErrorResponse(error) && error.status !== 404 ? (
          <Link to={`/items/${encodeURIComponent(ref)}`}>{t('error.backToItem', { ref })}</Link>
        ) : null}
        <Link to="/items">{t('error.home')}</Link>
      </p>
    </section>
  )
}
