import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { securityConfig } from '~/auth/config.server'
import { qrSvg } from '~/auth/qr.server'
import { requireUser } from '~/auth/session.server'
import { AppCodeForm, TwoFactorCodeForm } from '~/auth/sign-in-schema'
import {
  confirmEnrolment,
  disableTwoFactor,
  getTwoFactor,
  regenerateRecoveryCodes,
  startEnrolment,
} from '~/auth/two-factor.server'
import { getDb } from '~/db.server'
import { formatUtc } from '~/i18n/format'
import { messageKey } from '~/i18n/keys'
import { pageTitle } from '~/i18n/meta'
import { can, mustUseTwoFactor } from '~/permissions/permissions'
import { useFocusFirstInvalid, useFocusOnArrival } from '~/components/feedback/useFocusOnArrival'
import { Field } from '~/components/forms'

// Two-factor sign-in for the signed-in person: set up an authenticator (QR code or the key as
// text), confirm it with a code, see the recovery codes once; turn it off or renew the codes with
// a code. Reachable before two-factor is on even where the installation requires it.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'twoFactor.securityTitle')

const Intent = z.enum(['start', 'confirm', 'disable', 'regenerate'])

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { allowWithoutTwoFactor: true })
  const config = securityConfig()
  const state = await getTwoFactor(await getDb(), user, config.secretKey)
  return {
    state: state.state,
    enabledAt: state.state === 'on' ? state.enabledAt : null,
    recoveryCodesLeft: state.state === 'on' ? state.recoveryCodesLeft : 0,
    // Shown only while the authenticator is being set up; once confirmed, never again.
    secret: state.state === 'pending' ? state.secret.match(/.{1,4}/g)!.join(' ') : null,
    qr: state.state === 'pending' ? await qrSvg(state.uri) : null,
    required: mustUseTwoFactor(user, config.twoFactorRequiredRoles),
    canSeeAllTokens: can(user, 'token:manage'),
  }
}

/** `form` names the form whose code was refused: its field shows the message and takes the focus. */
type CodeForm = 'confirm' | 'disable' | 'regenerate'
type ActionResult = { error?: string; form?: CodeForm; notice?: string; recoveryCodes?: string[] }

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { allowWithoutTwoFactor: true })
  const form = await request.formData()
  const intent = Intent.safeParse(form.get('intent'))
  if (!intent.success) return data<ActionResult>({ error: 'twoFactor.codeMissing' }, { status: 400 })
  const db = await getDb()
  const config = securityConfig()
  const { secretKey } = config
  const now = new Date()
  if (intent.data === 'start') {
    const started = await startEnrolment(db, user.id, now, secretKey)
    return data<ActionResult>(started.kind === 'started' ? {} : { error: 'twoFactor.alreadyOn' })
  }
  // turning it on takes the app's code; turning it off or renewing, a recovery code too
  const parsed = (intent.data === 'confirm' ? AppCodeForm : TwoFactorCodeForm).safeParse({
    code: form.get('code') ?? undefined,
  })
  if (!parsed.success)
    return data<ActionResult>(
      { error: parsed.error.issues[0]?.message ?? 'twoFactor.codeMissing', form: intent.data },
      { status: 400 },
    )
  const { code } = parsed.data
  switch (intent.data) {
    case 'confirm': {
      const outcome = await confirmEnrolment(db, user.id, code, now, secretKey)
      if (outcome.kind === 'enabled')
        return data<ActionResult>({ notice: 'twoFactor.turnedOn', recoveryCodes: outcome.recoveryCodes })
      return data<ActionResult>({ error: CODE_ERRORS[outcome.kind], form: 'confirm' }, { status: 400 })
    }
    case 'disable': {
      const outcome = await disableTwoFactor(db, user, code, now, config)
      if (outcome.kind === 'done') return data<ActionResult>({ notice: 'twoFactor.turnedOff' })
      return data<ActionResult>(
        { error: CODE_ERRORS[outcome.kind], form: 'disable' },
        { status: outcome.kind === 'required' ? 403 : 400 },
      )
    }
    case 'regenerate': {
      const outcome = await regenerateRecoveryCodes(db, user.id, code, now, secretKey)
      if (outcome.kind === 'regenerated') return data<ActionResult>({ recoveryCodes: outcome.recoveryCodes })
      return data<ActionResult>({ error: CODE_ERRORS[outcome.kind], form: 'regenerate' }, { status: 400 })
    }
  }
}

const CODE_ERRORS = {
  bad_code: 'twoFactor.badCode',
  not_started: 'twoFactor.notStarted',
  already_on: 'twoFactor.alreadyOn',
  not_on: 'twoFactor.notOn',
  required: 'twoFactor.requiredKeepOn',
} as const

/** A code's field, with the refusal of its own form beside it (another form's stays there). */
function CodeField({ id, label, error }: { id: string; label: string; error: string | undefined }) {
  return (
    <Field htmlFor={id} label={label} errorId={`${id}-error`} errors={error ? [error] : undefined}>
      <input
        id={id}
        name="code"
        type="text"
        autoComplete="one-time-code"
        required
        maxLength={40}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </Field>
  )
}

export default function AccountSecurity() {
  const { t, i18n } = useTranslation()
  const { state, enabledAt, recoveryCodesLeft, secret, qr, required, canSeeAllTokens } =
    useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const error = result?.error
  // a code refused on one form is told beside that form's field only; other refusals at the top
  const codeError = (form: CodeForm) => (result?.form === form ? error : undefined)
  const pageError = result?.form ? undefined : error
  // after an answer, focus goes where it is: a refused code's field, or the new recovery codes
  const codeForms = useFocusFirstInvalid<HTMLElement>(error ? result : null)
  const recoveryTitle = useFocusOnArrival<HTMLHeadingElement>(result?.recoveryCodes)
  // "Turn on" answers with the QR code: focus goes to the instructions above it
  const scanIntro = useFocusOnArrival<HTMLParagraphElement>(
    result && !result.error && !result.notice && state === 'pending' ? result : null,
  )
  return (
    <div className="account-security stack">
      <h1>{t('twoFactor.securityTitle')}</h1>
      {required && state !== 'on' ? (
        <p className="form-error" role="alert">
          {t('twoFactor.required')}
        </p>
      ) : null}
      {pageError ? (
        <p id="security-error" className="form-error" role="alert">
          {t(messageKey(pageError))}
        </p>
      ) : null}
      {result?.notice ? <p role="status">{t(messageKey(result.notice))}</p> : null}
      {result?.recoveryCodes ? (
        <section aria-labelledby="recovery-codes" className="panel">
          <h2 id="recovery-codes" ref={recoveryTitle} tabIndex={-1}>
            {t('twoFactor.recoveryCodesTitle')}
          </h2>
          <p>{t('twoFactor.recoveryCodesIntro')}</p>
          <ul className="recovery-codes" aria-label={t('twoFactor.recoveryCodesTitle')}>
            {result.recoveryCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="two-factor" className="panel" ref={codeForms}>
        <h2 id="two-factor">{t('twoFactor.title')}</h2>
        <p className="muted">{t('twoFactor.intro')}</p>
        {state === 'on' && enabledAt ? (
          <>
            <p>{t('twoFactor.isOn', { date: formatUtc(enabledAt, i18n.language) })}</p>
            <p>{t('twoFactor.recoveryCodesLeft', { count: recoveryCodesLeft })}</p>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="regenerate" />
              <CodeField
                id="regenerate-code"
                label={t('twoFactor.turnOffCode')}
                error={codeError('regenerate')}
              />
              <p className="hint">{t('twoFactor.newCodesHint')}</p>
              <button type="submit" disabled={busy}>
                {t('twoFactor.newCodes')}
              </button>
            </Form>
            {required ? (
              <p>{t('twoFactor.requiredKeepOn')}</p>
            ) : (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="disable" />
                <CodeField
                  id="disable-code"
                  label={t('twoFactor.turnOffCode')}
                  error={codeError('disable')}
                />
                <button type="submit" disabled={busy}>
                  {t('twoFactor.turnOff')}
                </button>
              </Form>
            )}
          </>
        ) : state === 'pending' && qr && secret ? (
          <>
            <p ref={scanIntro} tabIndex={-1}>
              {t('twoFactor.scan')}
            </p>
            {/* SVG made on the server by the qrcode library from our own otpauth: address. */}
            <div
              className="qr-code"
              role="img"
              aria-label={t('twoFactor.qrLabel')}
              dangerouslySetInnerHTML={{ __html: qr }}
            />
            <p>
              {t('punctuation.labelled', { label: t('twoFactor.secretLabel'), value: '' })}
              <code className="secret">{secret}</code>
            </p>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="confirm" />
              <CodeField id="confirm-code" label={t('twoFactor.confirmCode')} error={codeError('confirm')} />
              <button type="submit" className="primary" disabled={busy}>
                {t('twoFactor.confirm')}
              </button>
            </Form>
          </>
        ) : (
          <>
            <p>{state === 'unreadable' ? t('twoFactor.unreadable') : t('twoFactor.isOff')}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="start" />
              <button type="submit" className="primary" disabled={busy}>
                {state === 'unreadable' ? t('twoFactor.startAgain') : t('twoFactor.turnOn')}
              </button>
            </Form>
          </>
        )}
      </section>
      <p>
        <Link to="/account/tokens">{t('twoFactor.tokensLink')}</Link>
        {canSeeAllTokens ? (
          <>
            {' · '}
            <Link to="/tokens">{t('tokens.everyoneLink')}</Link>
          </>
        ) : null}
      </p>
    </div>
  )
}
