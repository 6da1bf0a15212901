const PATHS = {
  alert: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7.5V13M12 16.5v.01',
  bold: 'M7 5h6a3.5 3.5 0 0 1 0 7H7zM7 12h7a3.5 3.5 0 0 1 0 7H7z',
  italic: 'M10 5h8M6 19h8M14 5l-4 14',
  bulletList: 'M10 7h10M10 12h10M10 17h10M5 7h.01M5 12h.01M5 17h.01',
  orderedList:
    'M10 7h10M10 12h10M10 17h10M4.5 5.5 6 4.5V9M4 14c0-1.4 2.2-1.4 2.2 0 0 .9-2.2 2-2.2 2.6h2.4',
  link: 'M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1',
  table:
    'M5 4h14a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zM3 10h18M3 15h18M9 4v16M15 4v16',
  undo: 'M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  redo: 'M15 14l5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13',
  plus: 'M12 5v14M5 12h14',
  search: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-3.5-3.5',
  close: 'M6 6l12 12M18 6 6 18',
  back: 'M19 12H5M11 6l-6 6 6 6',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  update: 'M20 12a8 8 0 1 1-2.34-5.66M20 4v5h-5',
  cloud: 'M7 18.5h10a4 4 0 0 0 .6-7.95A6 6 0 0 0 6.1 10 4.25 4.25 0 0 0 7 18.5z',
  cloudCheck:
    'M7 18.5h10a4 4 0 0 0 .6-7.95A6 6 0 0 0 6.1 10 4.25 4.25 0 0 0 7 18.5zM9.5 14l2 2 3.5-3.5',
  cloudOff: 'M7 18.5h10M3 3l18 18M17.6 10.55a6 6 0 0 0-8.9-4.1M6.1 10A4.25 4.25 0 0 0 7 18.5',
  computer: 'M5 5h14a1 1 0 0 1 1 1v9H4V6a1 1 0 0 1 1-1zM2 19h20',
  lock: 'M7 11h10a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2v-6a2 2 0 0 1 2-2zM8 11V8a4 4 0 0 1 8 0v3',
  addRow: 'M4 4h16v7H4zM12 14v6M9 17h6',
  addColumn: 'M4 4h7v16H4zM14 12h6M17 9v6',
  deleteRow: 'M4 4h16v7H4zM9.5 14.5l5 5M14.5 14.5l-5 5',
  deleteColumn: 'M4 4h7v16H4zM14.5 9.5l5 5M19.5 9.5l-5 5',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  chevronDown: 'M6 9l6 6 6-6',
  chevronUp: 'M6 15l6-6 6 6',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  upload: 'M12 16V5M7 9.5 12 4.5l5 5M5 20h14',
  comment: 'M5 5h14a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1h-8l-4 3.5V16H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z',
  users:
    'M9 4.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7zM2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 7M18 14.2a6.5 6.5 0 0 1 3.5 5.8',
  paper: 'M6 3h8l4 4v14H6zM14 3v4h4M9 12h6M9 16h6',
  unlock:
    'M7 11h10a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2v-6a2 2 0 0 1 2-2zM8 11V8a4 4 0 0 1 7.75-1.4',
  copy: 'M9 9h10v11H9zM5 15V4h10',
  share: 'M12 15V4M7.5 8.5 12 4l4.5 4.5M5 13v7h14v-7',
  sync: 'M20 11a8 8 0 0 0-14.3-4.9L4 8M4 4v4h4M4 13a8 8 0 0 0 14.3 4.9L20 16M20 20v-4h-4',
  suggest: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4M13 20h7',
} as const

export type IconName = keyof typeof PATHS

/** A line icon in the text's colour; decorative, so screen readers skip it. */
export function Icon(props: { name: IconName; className?: string; size?: number }) {
  const size = props.size ?? 18
  return (
    <svg
      className={props.className ? `icon ${props.className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[props.name]} />
    </svg>
  )
}
