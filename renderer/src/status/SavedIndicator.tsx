import { useI18n } from '../i18n/I18nContext.tsx'
import type { SavedState } from '../sync/saved-state.ts'
import { errorText } from '../ui/error-text.ts'
import { Icon, type IconName } from '../ui/Icon.tsx'

const ICONS: Record<SavedState['kind'], IconName> = {
  loading: 'sync',
  saving: 'sync',
  failed: 'alert',
  'read-only': 'lock',
  'this-computer': 'computer',
  relay: 'cloudCheck',
  pending: 'computer',
}

/**
 * Where the changes are. Not a live region: it changes with every keystroke, which a screen
 * reader would read out; failures are announced through their own alert.
 */
export function SavedIndicator(props: { saved: SavedState }) {
  const { t } = useI18n()
  const { saved } = props
  const text = (() => {
    switch (saved.kind) {
      case 'loading':
        return t('saved.loading')
      case 'saving':
        return t('saved.saving')
      case 'failed':
        return t('saved.failed', { reason: errorText(t, saved.error).title })
      case 'read-only':
        return t('saved.readOnly')
      case 'this-computer':
        return t('saved.thisComputer')
      case 'relay':
        return t('saved.relay')
      case 'pending':
        return t('saved.pending', { count: saved.count })
    }
  })()
  return (
    <p
      className={`status-item saved saved-${saved.kind}`}
      role={saved.kind === 'failed' ? 'alert' : undefined}
    >
      <Icon name={ICONS[saved.kind]} size={16} />
      <span className="visually-hidden">{t('saved.label')}: </span>
      {text}
    </p>
  )
}
