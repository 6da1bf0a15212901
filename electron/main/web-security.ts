import { app, session, shell, type WebContents } from 'electron'
import type { HostLog } from '../host/host-log.ts'
import { isSafeExternalUrl, isTrustedUrl } from '../host/web-policy.ts'

/**
 * Applies to every web contents the app ever creates: no navigation away from the app, no new
 * windows, no <webview>, and https links handed to the system browser instead.
 */
export function setupWebSecurity(trustedOrigins: readonly string[], log: HostLog): void {
  const openOutside = (url: string): void => {
    if (isSafeExternalUrl(url)) {
      shell.openExternal(url).catch((error: unknown) => {
        log.write('warn', 'could not open a link in the browser', { error })
      })
    } else {
      log.write('warn', 'refused to open a link that is not https', { scheme: schemeOf(url) })
    }
  }

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.on('will-navigate', (event) => {
      if (isTrustedUrl(event.url, trustedOrigins)) return
      event.preventDefault()
      openOutside(event.url)
    })
    // Sub-frames get no navigation at all; the main frame is handled above.
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame && !isTrustedUrl(event.url, trustedOrigins)) event.preventDefault()
    })
    contents.setWindowOpenHandler(({ url }) => {
      openOutside(url)
      return { action: 'deny' }
    })
  })

  // The app needs no camera, microphone, notifications, location, USB or the like. It may write
  // text to the clipboard (Copy link, in the invite dialog), never read it: pasting is the
  // user's own keystroke, which needs no permission.
  const ses = session.defaultSession
  const mayWriteClipboard = (permission: string, url: string | undefined) =>
    permission === 'clipboard-sanitized-write' &&
    url !== undefined &&
    isTrustedUrl(url, trustedOrigins)
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    if (mayWriteClipboard(permission, details.requestingUrl)) return callback(true)
    log.write('info', 'denied a permission request', { permission })
    callback(false)
  })
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    mayWriteClipboard(permission, requestingOrigin),
  )
  ses.setDevicePermissionHandler(() => false)
}

function schemeOf(url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? 'none'
}
