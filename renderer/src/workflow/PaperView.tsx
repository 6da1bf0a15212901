import { useEffect, useRef } from 'react'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Icon } from '../ui/Icon.tsx'
import { useReturnFocus } from '../ui/use-return-focus.ts'
import { HousePreview } from './HousePreview.tsx'

/** A read-only view over the editor: a named version, or the changes between two texts. */
export function PaperView(props: {
  heading: string
  legend?: string
  html: string
  title: string
  onClose(): void
}) {
  const { t } = useI18n()
  const dialog = useRef<HTMLDialogElement>(null)
  useReturnFocus()
  useEffect(() => {
    const element = dialog.current
    if (element !== null && !element.open) element.showModal()
  }, [])
  return (
    <dialog
      ref={dialog}
      className="paper-view"
      aria-labelledby="paper-view-heading"
      onClose={props.onClose}
      onCancel={props.onClose}
    >
      <header className="paper-view-head">
        <h2 id="paper-view-heading">{props.heading}</h2>
        {props.legend && <p className="muted">{props.legend}</p>}
        <button type="button" className="btn btn-quiet" onClick={props.onClose}>
          <Icon name="back" />
          {t('view.close')}
        </button>
      </header>
      <div className="paper-view-body">
        <HousePreview html={props.html} title={props.title} />
      </div>
    </dialog>
  )
}
