import ts from 'typescript'

// A static check of the Electron shell in the spirit of Electronegativity, which cannot run
// here: it fetches Electron's release list at start and crashes offline, and its TypeScript
// 4.2 parser cannot read current syntax (`satisfies`). Each rule names the checklist item.

export type Finding = { rule: string; file: string; line: number; text: string }
export type Source = { file: string; text: string }

type Context = { source: ts.SourceFile; file: string; findings: Finding[] }

/** webPreferences that must never take these values. */
const FORBIDDEN_PREFERENCES: Record<string, string> = {
  nodeIntegration: 'true',
  nodeIntegrationInWorker: 'true',
  nodeIntegrationInSubFrames: 'true',
  contextIsolation: 'false',
  sandbox: 'false',
  webSecurity: 'false',
  allowRunningInsecureContent: 'true',
  experimentalFeatures: 'true',
  webviewTag: 'true',
  enableRemoteModule: 'true',
}
const REQUIRED_PREFERENCES = ['contextIsolation', 'sandbox', 'nodeIntegration', 'webSecurity']

/** Calls that must appear somewhere in the shell: the global parts of the checklist. */
export const REQUIRED_CALLS: Record<string, string> = {
  setPermissionRequestHandler: 'PERMISSION_REQUEST_HANDLER',
  setPermissionCheckHandler: 'PERMISSION_CHECK_HANDLER',
  setWindowOpenHandler: 'WINDOW_OPEN_HANDLER',
  registerSchemesAsPrivileged: 'CUSTOM_PROTOCOL',
  requestSingleInstanceLock: 'SINGLE_INSTANCE',
  exposeInMainWorld: 'CONTEXT_BRIDGE',
}
const REQUIRED_EVENTS = ['will-navigate', 'will-attach-webview', 'will-frame-navigate']

function report(ctx: Context, rule: string, node: ts.Node): void {
  const { line } = ctx.source.getLineAndCharacterOfPosition(node.getStart(ctx.source))
  const text = node.getText(ctx.source).split('\n')[0]?.slice(0, 120) ?? ''
  ctx.findings.push({ rule, file: ctx.file, line: line + 1, text })
}

function calleeName(call: ts.CallExpression): string {
  const callee = call.expression
  if (ts.isIdentifier(callee)) return callee.text
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text
  return ''
}

function propertyName(property: ts.ObjectLiteralElementLike): string | null {
  if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) return null
  const { name } = property
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : null
}

function checkPreferences(ctx: Context, object: ts.ObjectLiteralExpression): void {
  for (const property of object.properties) {
    const name = propertyName(property)
    if (name === null || !ts.isPropertyAssignment(property)) continue
    const bad = FORBIDDEN_PREFERENCES[name]
    if (bad !== undefined && property.initializer.getText(ctx.source) === bad) {
      report(ctx, `INSECURE_PREFERENCE_${name}`, property)
    }
    if (name === 'enableBlinkFeatures') report(ctx, 'BLINK_FEATURES', property)
  }
}

/** `new BrowserWindow({...})`: webPreferences must be the secure set, inline or by name. */
function checkWindow(ctx: Context, node: ts.NewExpression): void {
  const options = node.arguments?.[0]
  if (!options || !ts.isObjectLiteralExpression(options))
    return report(ctx, 'WINDOW_OPTIONS_UNCHECKED', node)
  const prefs = options.properties.find((p) => propertyName(p) === 'webPreferences')
  if (!prefs || !ts.isPropertyAssignment(prefs)) return report(ctx, 'WEB_PREFERENCES_MISSING', node)
  const value = prefs.initializer
  if (ts.isCallExpression(value) && calleeName(value) === 'securePreferences') return
  if (!ts.isObjectLiteralExpression(value)) return report(ctx, 'WEB_PREFERENCES_UNCHECKED', prefs)
  const names = new Set(value.properties.map(propertyName))
  for (const required of REQUIRED_PREFERENCES) {
    if (!names.has(required)) report(ctx, `PREFERENCE_NOT_EXPLICIT_${required}`, prefs)
  }
}

/** `shell.openExternal(x)` only inside `if (isSafeExternalUrl(x))`. */
function checkOpenExternal(ctx: Context, call: ts.CallExpression): void {
  const arg = call.arguments[0]?.getText(ctx.source) ?? ''
  for (let node: ts.Node = call; node.parent; node = node.parent) {
    const parent = node.parent
    if (ts.isIfStatement(parent) && parent.thenStatement === node) {
      const condition = parent.expression.getText(ctx.source)
      if (condition.includes(`isSafeExternalUrl(${arg})`) && !condition.startsWith('!')) return
    }
  }
  report(ctx, 'OPEN_EXTERNAL_UNCHECKED', call)
}

/** ipcMain listeners must check the sender before anything else. */
function checkIpcListener(ctx: Context, call: ts.CallExpression): void {
  const listener = call.arguments[1]
  const body = listener?.getText(ctx.source) ?? ''
  if (!/\bisTrusted\w*\(/.test(body)) report(ctx, 'IPC_SENDER_UNCHECKED', call)
}

/** The page may get the contract's API, never ipcRenderer, require or process themselves. */
function checkExposed(ctx: Context, call: ts.CallExpression): void {
  const value = call.arguments[1]
  if (!value) return
  const leaks = (node: ts.Node): boolean =>
    (ts.isIdentifier(node) && ['ipcRenderer', 'require', 'process'].includes(node.text)) ||
    (ts.isShorthandPropertyAssignment(node) &&
      ['ipcRenderer', 'require', 'process'].includes(node.name.text))
  const visit = (node: ts.Node): boolean => {
    if (ts.isCallExpression(node)) return false
    if (leaks(node)) return true
    return ts.forEachChild(node, visit) ?? false
  }
  if (leaks(value) || visit(value)) report(ctx, 'CONTEXT_BRIDGE_LEAK', call)
}

const CALL_RULES: Record<string, (ctx: Context, call: ts.CallExpression) => void> = {
  openExternal: checkOpenExternal,
  exposeInMainWorld: checkExposed,
  eval: (ctx, call) => report(ctx, 'EVAL', call),
  loadFile: (ctx, call) => report(ctx, 'FILE_PROTOCOL', call),
  registerFileProtocol: (ctx, call) => report(ctx, 'FILE_PROTOCOL', call),
  interceptFileProtocol: (ctx, call) => report(ctx, 'FILE_PROTOCOL', call),
  openDevTools: (ctx, call) => report(ctx, 'DEVTOOLS', call),
  executeJavaScript: (ctx, call) => report(ctx, 'EXECUTE_JAVASCRIPT', call),
  setCertificateVerifyProc: (ctx, call) => report(ctx, 'CERTIFICATE_VERIFY_PROC', call),
  appendSwitch: (ctx, call) => {
    if (
      /ignore-certificate-errors|disable-web-security|no-sandbox/.test(call.getText(ctx.source))
    ) {
      report(ctx, 'INSECURE_SWITCH', call)
    }
  },
}

function visit(ctx: Context, node: ts.Node): void {
  if (ts.isNewExpression(node) && node.expression.getText(ctx.source) === 'BrowserWindow')
    checkWindow(ctx, node)
  if (ts.isNewExpression(node) && node.expression.getText(ctx.source) === 'Function')
    report(ctx, 'EVAL', node)
  if (ts.isObjectLiteralExpression(node)) checkPreferences(ctx, node)
  if (ts.isCallExpression(node)) {
    const name = calleeName(node)
    CALL_RULES[name]?.(ctx, node)
    const target = node.expression.getText(ctx.source)
    if (/^ipcMain\.(handle|on|once|handleOnce)$/.test(target)) checkIpcListener(ctx, node)
    if (name === 'on' && node.arguments[0]?.getText(ctx.source) === "'certificate-error'") {
      report(ctx, 'CERTIFICATE_ERROR_HANDLER', node)
    }
    if (/^(file|http):\/\//.test(stringArg(node) ?? '') && name === 'loadURL')
      report(ctx, 'INSECURE_LOAD_URL', node)
  }
  ts.forEachChild(node, (child) => visit(ctx, child))
}

function stringArg(call: ts.CallExpression): string | null {
  const arg = call.arguments[0]
  return arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))
    ? arg.text
    : null
}

/** Every finding in `sources`, plus the checklist items that appear nowhere in them. */
export function checkElectronSources(sources: readonly Source[]): Finding[] {
  const findings: Finding[] = []
  const seenCalls = new Set<string>()
  const seenEvents = new Set<string>()
  for (const { file, text } of sources) {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
    visit({ source, file, findings }, source)
    const collect = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        seenCalls.add(calleeName(node))
        const first = stringArg(node)
        if (calleeName(node) === 'on' && first) seenEvents.add(first)
      }
      ts.forEachChild(node, collect)
    }
    collect(source)
  }
  for (const [call, rule] of Object.entries(REQUIRED_CALLS)) {
    if (!seenCalls.has(call))
      findings.push({ rule: `MISSING_${rule}`, file: '*', line: 0, text: call })
  }
  if (!sources.some(({ text }) => text.includes("'content-security-policy'"))) {
    findings.push({ rule: 'MISSING_CSP', file: '*', line: 0, text: 'content-security-policy' })
  }
  for (const event of REQUIRED_EVENTS) {
    if (!seenEvents.has(event))
      findings.push({ rule: 'MISSING_EVENT_GUARD', file: '*', line: 0, text: event })
  }
  return findings
}
