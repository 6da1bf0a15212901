import type { ReactNode } from 'react'
import type { MessageKey } from '../../../shared/i18n/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import type { Connection } from '../sync/connection-state.ts'
import type { RoomSession } from '../sync/room-session.ts'
import { useRoomStatus } from '../sync/use-room.ts'
import { Icon } from '../ui/Icon.tsx'
import { Presence } from './Presence.tsx'
import { SavedIndicator } from './SavedIndicator.tsx'

const CONNECTION_TEXT = {
  local: 'connection.local',
  connecting: 'connection.connecting',
  online: 'connection.online',
  reconnecting: 'connection.reconnecting',
  offline: 'connection.offline',
  revoked: 'connection.revoked',
  lost: 'connection.lost',
  damaged: 'connection.damaged',
} as const satisfies Record<Connection, MessageKey>

/** The room's connection, where its changes are saved, and who else is here. */
export function StatusBar(props: { session: RoomSession | null; children?: ReactNode }) {
  const { t } = useI18n()
  const status = useRoomStatus(props.session)
  const text = t(CONNECTION_TEXT[status.connection])
  return (
    <footer className="status-bar">
      <p className={`status-item connection connection-${status.connection}`} role="status">
        {status.connection === 'local' ? (
          <Icon name="computer" size={16} />
        ) : (
          <span className="connection-dot" aria-hidden="true" />
        )}
        <span className="visually-hidden">{t('connection.label')}: </span>
        {text}
      </p>
      <ConnectionSecurity session={props.session} />
      <SavedIndicator saved={status.saved} />
      {status.refused && (
        <p
          className="status-item status-warning"
          role="alert"
          title={t('connection.refused.detail')}
        >
          <Icon name="alert" size={16} />
          {t('connection.refused')}
          <span className="visually-hidden">. {t('connection.refused.detail')}</span>
        </p>
      )}
      <span className="status-spacer" />
      {props.children}
      {status.connection !== 'local' && <Presence session={props.session} />}
    </footer>
  )
}

/** A lock for an encrypted relay (wss://); a warning for one without encryption off this computer. */
function ConnectionSecurity(props: { session: RoomSession | null }) {
  const { t } = useI18n()
  const security = props.session?.security ?? null
  if (security === 'encrypted') {
    return (
      <span className="status-item connection-secure" title={t('connection.secure')}>
        <Icon name="lock" size={14} />
        <span className="visually-hidden">{t('connection.secure')}</span>
      </span>
    )
  }
  if (security !== 'insecure') return null
  return (
    <span className="status-item connection-insecure">
      <Icon name="unlock" size={14} />
      {t('connection.insecure')}
    </span>
  )
}
