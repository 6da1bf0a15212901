import { useI18n } from '../i18n/I18nContext.tsx'
import { useMemberColor } from '../sync/member-colors.ts'
import type { RoomSession } from '../sync/room-session.ts'
import { usePresence } from '../sync/use-room.ts'
import { Avatar } from '../ui/Avatar.tsx'

const SHOWN = 5

/** Who has this room open: avatars, with names for screen readers and on hover. */
export function Presence(props: { session: RoomSession | null }) {
  const { t, locale } = useI18n()
  const people = usePresence(props.session, locale)
  const colorOf = useMemberColor()
  if (people.length === 0) return null
  const hidden = people.length - SHOWN
  return (
    <div className="presence">
      <span className="presence-count">{t('presence.count', { count: people.length })}</span>
      <ul className="presence-list" aria-label={t('presence.label')}>
        {people.slice(0, SHOWN).map((person) => {
          const label = t('presence.member', {
            name: person.self ? t('presence.you', { name: person.name }) : person.name,
            organisation: person.organisation,
          })
          return (
            <li key={person.memberId} title={label}>
              <Avatar name={person.name} color={colorOf(person.memberId)} size="small" />
              <span className="visually-hidden">{label}</span>
            </li>
          )
        })}
        {hidden > 0 && (
          <li
            className="presence-more"
            title={people
              .slice(SHOWN)
              .map((p) => p.name)
              .join(', ')}
          >
            +{hidden}
          </li>
        )}
      </ul>
    </div>
  )
}
