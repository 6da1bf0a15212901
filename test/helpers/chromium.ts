/** The system Chromium (Debian package `chromium`) that tests and benchmarks drive. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** As root on a closed network Chromium needs these, or it stalls on blocked connections. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]
