import { useEffect } from 'react'

/**
 * Gives focus back to what had it when a dialog or form opened, once it goes, unless the user has
 * moved focus elsewhere meanwhile: closing never leaves a keyboard user at the top of the page.
 */
export function useReturnFocus(): void {
  useEffect(() => {
    const opener = document.activeElement
    return () => {
      const lost = document.activeElement === null || document.activeElement === document.body
      if (!lost || !(opener instanceof HTMLElement) || !opener.isConnected) return
      // After the browser has finished closing (a <dialog> restores focus on its own first).
      requestAnimationFrame(() => {
        if (document.activeElement === document.body && opener.isConnected) opener.focus()
      })
    }
  }, [])
}
