import { useEffect, useRef, useState } from 'react'
import type { CreatedInvite } from '../../../shared/ipc/contract.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { copyText } from '../ui/copy-text.ts'
import { Icon } from '../ui/Icon.tsx'
import { expiryText, inviteEmail } from './invite-text.ts'

/**
 * The invite made: its `samstemt://join` link and a text for an e-mail, each with a copy button.
 * The link is shown only here, once (the relay keeps only its hash).
 */
export function InviteReady(props: {
  invite: CreatedInvite
  workspace: string
  sender: string
  onAnother(): void
  onDone(): void
}) {
  const { t, format } = useI18n()
  const { invite } = props
  const [copied, setCopied] = useState<{ what: 'link' | 'email'; ok: boolean } | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const linkField = useRef<HTMLTextAreaElement>(null)
  const emailField = useRef<HTMLTextAreaElement>(null)
  const email = inviteEmail(t, format, invite, { workspace: props.workspace, sender: props.sender })
  useEffect(() => heading.current?.focus(), [])

  const copy = async (what: 'link' | 'email') => {
    const ok = await copyText(
      what === 'link' ? invite.link : email,
      (what === 'link' ? linkField : emailField).current,
    )
    setCopied({ what, ok })
  }
  const feedback = (what: 'link' | 'email') =>
    copied?.what === what && (
      <p className={copied.ok ? 'copy-done' : 'field-error'} role="status">
        {copied.ok && <Icon name="check" size={14} />}
        {t(copied.ok ? 'invite.copied' : 'invite.copyFailed')}
      </p>
    )

  return (
    <section className="invite-ready" aria-labelledby="members-title">
      <h2 id="members-title" className="dialog-title" tabIndex={-1} ref={heading}>
        {t('invite.ready', { name: invite.member.name })}
      </h2>
      <p>
        {t('invite.ready.lead', {
          name: invite.member.name,
          expiry: expiryText(t, format, invite.member.inviteExpiresAt),
        })}
      </p>
      <div className="field">
        <label className="field-label" htmlFor="invite-link-text">
          {t('invite.link')}
        </label>
        <textarea
          ref={linkField}
          id="invite-link-text"
          className="input input-mono invite-link-text"
          rows={3}
          readOnly
          spellCheck={false}
          value={invite.link}
          onFocus={(event) => event.target.select()}
        />
        <div className="copy-row">
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() => void copy('link')}
          >
            <Icon name="copy" size={16} />
            {t('invite.copyLink')}
          </button>
          {feedback('link')}
        </div>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="invite-email-text">
          {t('invite.email')}
        </label>
        <textarea
          ref={emailField}
          id="invite-email-text"
          className="input invite-email-text"
          rows={8}
          readOnly
          value={email}
        />
        <div className="copy-row">
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => void copy('email')}
          >
            <Icon name="copy" size={16} />
            {t('invite.copyEmail')}
          </button>
          {feedback('email')}
        </div>
      </div>
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={props.onAnother}>
          {t('invite.another')}
        </button>
        <button type="button" className="btn btn-quiet" onClick={props.onDone}>
          {t('invite.done')}
        </button>
      </div>
    </section>
  )
}
