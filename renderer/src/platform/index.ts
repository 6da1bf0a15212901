import type { SamstemtApi } from '../../../shared/ipc/contract.ts'
import { createBridgeApi } from './bridge-client.ts'

const TOKEN_KEY = 'samstemt-bridge-token'

type Host = {
  samstemt?: SamstemtApi
  location: Location
  history: History
  sessionStorage: Storage
}

/**
 * Makes sure `window.samstemt` exists. In Electron the preload has set it; in a browser (the
 * preview) this installs the bridge client, with the token from the printed link's
 * `#token=...`, kept for reloads in sessionStorage and taken out of the address bar.
 * Call once, before the app first renders.
 */
export function installPlatform(host: Host = globalThis as unknown as Host): SamstemtApi {
  if (host.samstemt) return host.samstemt
  const token = takeToken(host)
  const api: SamstemtApi = token
    ? createBridgeApi({ origin: host.location.origin, token, reload: () => host.location.reload() })
    : missingToken()
  host.samstemt = api
  return api
}

function takeToken(host: Host): string | null {
  const match = /^#token=([A-Za-z0-9_-]+)&?/.exec(host.location.hash)
  if (match?.[1]) {
    host.sessionStorage.setItem(TOKEN_KEY, match[1])
    const rest = '#' + host.location.hash.slice(match[0].length)
    const { pathname, search } = host.location
    host.history.replaceState(null, '', pathname + search + (rest === '#' ? '' : rest))
    return match[1]
  }
  return host.sessionStorage.getItem(TOKEN_KEY)
}

/** Without a token nothing can reach the host; every call says how to get one. */
function missingToken(): SamstemtApi {
  const message =
    'This page was opened without the preview’s access token. Open the link that "npm run preview" printed (it ends in #token=...).'
  return {
    invoke: () => Promise.reject(new Error(message)),
    on: () => () => undefined,
  }
}
