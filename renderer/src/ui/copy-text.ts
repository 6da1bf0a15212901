/**
 * Copies text to the clipboard. Where the page may not write to it, the text is selected in
 * `field` instead, so Ctrl+C copies it; false then, for the caller to say so.
 */
export async function copyText(text: string, field: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    field?.focus()
    field?.select()
    return false
  }
}
