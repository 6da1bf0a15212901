import { extname } from 'node:path'

/**
 * The URL of module `name` in the folder of `base` (a module's `import.meta.url`), with the same
 * extension: `.ts` run from source, `.js` once built (the relay's dist/, the app's bundle). Worker
 * threads are started by URL, and no build step rewrites a URL the way it rewrites an import.
 */
export function besideModule(base: string, name: string): URL {
  return new URL(`./${name}${extname(new URL(base).pathname)}`, base)
}
