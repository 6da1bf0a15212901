import type { WindowState } from './settings-store.ts'

export type Rect = { x: number; y: number; width: number; height: number }

export const DEFAULT_SIZE = { width: 1200, height: 800 }
export const MIN_SIZE = { width: 640, height: 480 }
/** How much of the title bar must be on a screen for the saved place to be used. */
const GRIP = 80

/**
 * Where to open the window: the remembered place when enough of it is still on a screen (a
 * monitor may have been unplugged since), otherwise the default size, centred by the OS.
 */
export function initialBounds(
  saved: WindowState | null,
  workAreas: readonly Rect[],
): { bounds: Partial<Rect> & { width: number; height: number }; maximized: boolean } {
  if (!saved) return { bounds: { ...DEFAULT_SIZE }, maximized: false }
  const width = Math.max(saved.width, MIN_SIZE.width)
  const height = Math.max(saved.height, MIN_SIZE.height)
  const titleBar: Rect = { x: saved.x, y: saved.y, width, height: 32 }
  const visible = workAreas.some((area) => overlap(titleBar, area) >= Math.min(GRIP, width))
  if (!visible) return { bounds: { width, height }, maximized: saved.maximized }
  return { bounds: { x: saved.x, y: saved.y, width, height }, maximized: saved.maximized }
}

/** Width of the horizontal overlap of `a` with `b`, when they also overlap vertically. */
function overlap(a: Rect, b: Rect): number {
  const vertical = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  if (vertical <= 0) return 0
  return Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x))
}
