import type { HostImplementation, Result } from '../../shared/ipc/index.ts'
import { validateRequest } from '../../shared/ipc/index.ts'
import type { ExportService } from './export-service.ts'
import { ok, toHostError } from './host-error.ts'
import type { HostServices } from './host-services.ts'
import { noOpenDialog, type ImportService } from './import-service.ts'
import { browserSpelling, type SpellingService } from './spelling.ts'
import { noUpdates, type UpdateService } from './updater.ts'

/**
 * The contract, implemented once for Electron's IPC and the preview's bridge alike; only the
 * exporter (save dialog and printer), spell checking (Electron's session, or the browser's
 * own), the import's open dialog and the app's own updates (none in the preview) differ
 * between the two.
 */
export function createHostHandlers(
  services: HostServices,
  exporter: ExportService,
  spelling: SpellingService = browserSpelling,
  updates: UpdateService = noUpdates,
  importer: ImportService = noOpenDialog(),
) {
  const { workspaces, members, settings, store, log } = services
  return {
    'app/info': async () => ok(services.info()),
    'settings/get': async () => ok(settings.get()),
    'settings/update': async (patch) => ok(settings.update(patch)),
    'workspaces/list': async () => ok(workspaces.list()),
    'workspaces/preview-invite': ({ link, allowInsecure }) =>
      workspaces.previewInvite(link, allowInsecure),
    'workspaces/join': ({ link, allowInsecure }) => workspaces.join(link, allowInsecure),
    'workspaces/create-sample': () => workspaces.createSample(),
    'workspaces/connection': ({ workspace }) => workspaces.connection(workspace),
    'workspaces/can-create': ({ from }) => workspaces.canCreateWorkspace(from),
    'workspaces/create': ({ from, name }) => workspaces.createWorkspace(from, name),
    'members/list': ({ workspace }) => members.list(workspace),
    'members/invite': (fields) => members.invite(fields),
    'members/set-role': ({ workspace, member, role }) => members.setRole(workspace, member, role),
    'members/revoke': ({ workspace, member }) => members.revoke(workspace, member),
    'store/load': async ({ doc }) => {
      const known = workspaces.checkDoc(doc)
      return known.ok ? ok(store.load(doc)) : known
    },
    'store/append': async ({ doc, updates }) => {
      const known = workspaces.checkDoc(doc)
      return known.ok ? store.append(doc, updates) : known
    },
    'store/confirm': async ({ doc, stateVector }) => {
      const known = workspaces.checkDoc(doc)
      return known.ok ? store.confirm(doc, stateVector) : known
    },
    'export/save': (request) => exporter.save(request),
    'export/save-text': (request) => exporter.saveText(request),
    'import/read': (request) => importer.read(request),
    'import/open': () => importer.open(),
    'log/write': async ({ level, message }) => {
      log.write(level, message, { source: 'renderer' })
      return ok(null)
    },
    'spelling/language': ({ language }) => spelling.setLanguage(language),
    'update/status': async () => ok(updates.status()),
    'update/restart': async () => updates.restart(),
  } satisfies HostImplementation
}

/**
 * One request from outside (IPC or bridge): validated, handled, and answered with a Result.
 * Never throws: an exception becomes a HostError the renderer can show, and is logged.
 */
export async function dispatch(
  handlers: HostImplementation,
  services: Pick<HostServices, 'log'>,
  channel: unknown,
  payload: unknown,
): Promise<Result<unknown>> {
  const valid = validateRequest(channel, payload)
  if (!valid.ok) {
    services.log.write('warn', 'refused a request', { reason: valid.error.message })
    return valid
  }
  const handler = handlers[valid.value.channel] as (request: unknown) => Promise<Result<unknown>>
  try {
    return await handler(valid.value.request)
  } catch (error) {
    const hostError = toHostError(error)
    services.log.write('error', 'a request failed', { channel: valid.value.channel, error })
    return { ok: false, error: hostError }
  }
}
