import { initials } from '../sync/presence.ts'

/** A member's initials on their colour; the name is for sighted users' tooltips only. */
export function Avatar(props: { name: string; color: string; size?: 'small' | 'normal' }) {
  return (
    <span
      className={`avatar avatar-${props.size ?? 'normal'}`}
      style={{ backgroundColor: props.color }}
      aria-hidden="true"
    >
      {initials(props.name)}
    </span>
  )
}
