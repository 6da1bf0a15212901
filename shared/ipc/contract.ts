// The host API contract between the renderer and the desktop host (main process, or the
// preview bridge in a browser). Types only: main's handlers `satisfies HostHandlers`, the
// preload exposes exactly `SamstemtApi` as `window.samstemt`, and every payload is validated
// on arrival (shared/ipc/validate.ts).

import type { ExportFormat } from '../export/formats.ts'
import type { ExportSource } from '../export/types.ts'
import type { ParsedDocx } from '../import/parse-docx.ts'
import type { MemberSummary, MembersResponse } from '../protocol/admin.ts'
import type { Role } from '../protocol/index.ts'

export type { MemberSummary, MembersResponse } from '../protocol/admin.ts'

/** Who a member is in a workspace, as the relay says. */
export type MemberIdentity = { id: string; name: string; organisation: string; role: Role }

/** A workspace this profile belongs to, as the renderer sees it (the token never leaves the host). */
export type WorkspaceEntry = {
  id: string
  name: string
  /** The relay's address; null for a local-only workspace (the sample). */
  relay: string | null
  member: MemberIdentity | null
  joinedAt: number
}

/** What an invite grants, shown before the user confirms joining. */
export type InvitePreview = {
  workspace: { id: string; name: string }
  relay: string
  member: MemberIdentity
  /**
   * The relay is `ws://` and not on this computer: the invite and everything written travel
   * unencrypted. Only previewed (and joined) when the user asked to go on anyway.
   */
  insecure: boolean
}

/**
 * How the renderer connects a workspace's rooms: a short-lived ticket (`?ticket=`), never the
 * member's token, which stays in the host (docs/architecture.md, "Tickets").
 */
export type WorkspaceConnection = {
  relay: string
  ticket: string
  /** When the relay stops accepting the ticket for new sockets, on this computer's clock. */
  expiresAt: number
  /** The member as the relay knows them now: a role changed since joining shows here. */
  member: MemberIdentity
}

/** A new member's invite: the `samstemt://join` link to send them (shown once). */
export type CreatedInvite = { member: MemberSummary; link: string }

/** What the invite dialog asks for. */
export type InviteFields = {
  workspace: string
  name: string
  organisation: string
  role: Role
  /** Days until the link stops working; null: it does not expire. */
  expiresInDays: number | null
}

/** A host-side failure the renderer shows as it is: a stable code plus what to do next. */
export type HostError = {
  code:
    | 'invalid-payload'
    | 'invalid-invite'
    /** The relay has never issued this invite (mistyped, or from another relay). */
    | 'invite-unknown'
    /** The invite's expiry has passed. */
    | 'invite-expired'
    /** A single-use invite that was already used to join. */
    | 'invite-used'
    /** The coordinator revoked the invite (or the member it was for). */
    | 'invite-revoked'
    /** A `ws://` relay that is not on this computer, and the user did not agree to go on. */
    | 'insecure-relay'
    /** This member's access to the workspace was revoked. */
    | 'access-revoked'
    /** The relay no longer knows this computer's key (its data was reset, say). */
    | 'access-unknown'
    /** The key stored for the workspace cannot be read on this computer any more. */
    | 'key-unreadable'
    /** Only coordinators may do this. */
    | 'forbidden'
    /** The member is not (or no longer) in the workspace. */
    | 'member-not-found'
    /** The workspace would be left without a coordinator. */
    | 'last-coordinator'
    /** The relay refused what was asked (a field it does not take). */
    | 'relay-refused'
    /** The relay's operator has not allowed creating workspaces from the app. */
    | 'creation-disabled'
    | 'relay-unreachable'
    | 'unknown-workspace'
    | 'disk-full'
    | 'read-only'
    | 'store'
    /** An export could not be made (rendering or printing failed); the file is left as it was. */
    | 'export-failed'
    /** PDF export found nothing to print with (no Chromium for the preview or the CLI). */
    | 'no-printer'
    /**
     * A file that cannot be imported from Word (not a .docx, password-protected, damaged, too
     * large, a zip bomb): the message names the file and says what to do. Nothing was written.
     */
    | 'import-refused'
    /** A bug in the host; the message says where the log is. */
    | 'internal'
  /** What happened and what to do, in English; the log keeps this one. */
  message: string
  /** The same in Norwegian Bokmål, where the host has it: a Norwegian UI shows this instead. */
  messageNb?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: HostError }

export type Settings = {
  language: 'nb' | 'en'
  /** The workspace the library opens with. */
  lastWorkspace: string | null
  /**
   * The user was told that this computer keeps keys unencrypted (no keychain); reset when the
   * keys are encrypted again, so a later loss of the keychain is told again.
   */
  secretsNoticeSeen: boolean
}

export type AppInfo = {
  version: string
  platform: string
  /** False where the OS keychain is unavailable: tokens are then stored unencrypted (warned). */
  secretsEncrypted: boolean
  /** Where logs are written, for the Help menu. */
  logFile: string
}

/** A doc as stored locally: everything needed to rebuild it (apply in order). */
export type StoredUpdates = {
  updates: Uint8Array[]
  /**
   * The relay's committed state vector for this doc as last recorded (`store/confirm`), so that
   * after a restart the app still knows which local changes the relay has not confirmed.
   */
  confirmed: Uint8Array | null
}

/** A Word document read by the host, ready to be planned and written by the page. */
export type ImportedDocx = { fileName: string; parsed: ParsedDocx }

/** The document the user chose in the host's open dialog, or that they closed it. */
export type ImportOpened = ImportedDocx | { cancelled: true }

/** The file formats a paper exports to: the registry in shared/export/formats.ts. */
export type { ExportFormat } from '../export/formats.ts'

/** What to export, and how; the host asks the user where to save it. */
export type ExportRequest = {
  format: ExportFormat
  /** The paper (as it is now, or a named version) to export. */
  source: ExportSource
  /**
   * An older version to compare with: the export is then a redline from `compareWith` to
   * `source`, with insertions and deletions marked. DOCX and PDF only, and without comments.
   */
  compareWith: ExportSource | null
  /** Comment threads as Word comments (DOCX) or numbered notes (PDF, HTML, Markdown). */
  includeComments: boolean
  /**
   * The file name the save dialog proposes, e.g. the paper's title. The host makes it a safe
   * name (no folders, no characters a file system refuses) with the format's extension.
   */
  suggestedName: string
}

/** A text the page made, saved like an export: Markdown, or JSON for a tool. */
export type SaveTextRequest = {
  format: 'md' | 'json'
  text: string
  /** As for an export: the host makes it a safe name with the format's extension. */
  suggestedName: string
}

/** Where the export was written, or that the user closed the save dialog. */
export type ExportSaved = { path: string } | { cancelled: true }

/** The steps of one export, in order; `printing` only for PDF. */
export type ExportStage = 'preparing' | 'rendering' | 'printing' | 'writing' | 'done'

export type ExportProgress = { stage: ExportStage }

/** The languages spelling is checked in: a paper's language. */
export type SpellingLanguage = 'nb' | 'en'

/**
 * Where the app's own update stands (electron-updater, from the organisation's update server).
 * `off`: no updates here (development, a build without an update server, a deb install without a
 * graphical sudo helper, the preview); `idle`: up to date, or not checked yet; `downloading`;
 * `ready`: downloaded and checked, installed on restart (or when the app quits).
 */
export type UpdateStatus = {
  state: 'off' | 'idle' | 'downloading' | 'ready'
  /** The version being downloaded or ready; null otherwise. */
  version: string | null
}

/** Request/response calls, renderer -> host. Every handler returns a Result. */
export type HostHandlers = {
  'app/info': () => AppInfo
  'settings/get': () => Settings
  'settings/update': (patch: Partial<Settings>) => Settings
  'workspaces/list': () => WorkspaceEntry[]
  /** Asks the relay what an invite link grants (does not join yet). */
  /**
   * Asks the relay what an invite link grants (does not join yet). An insecure relay (`ws://`,
   * not on this computer) is not asked at all, since the question carries the invite in clear,
   * unless `allowInsecure`: `insecure-relay` otherwise.
   */
  'workspaces/preview-invite': (req: { link: string; allowInsecure?: boolean }) => InvitePreview
  /**
   * Joins: claims the invite with its relay, which answers with the member's own long-lived token;
   * stores that token (encrypted where the OS allows), never the invite's, and the workspace, and
   * makes it `lastWorkspace`. When its relay is new to this profile the host reloads the page
   * after answering, because the page's CSP (connect-src) only admits relays that were joined
   * when it loaded. `allowInsecure` as for the preview.
   */
  'workspaces/join': (req: { link: string; allowInsecure?: boolean }) => WorkspaceEntry
  /** Creates the local sample workspace with one paper (first start). */
  'workspaces/create-sample': () => WorkspaceEntry
  /**
   * A fresh connection ticket for the workspace's rooms (null for a local workspace), and the
   * member as the relay knows them now (the stored entry follows a changed role).
   */
  'workspaces/connection': (req: { workspace: string }) => WorkspaceConnection | null
  /**
   * A new workspace on the relay of `from` (a coordinator's), joined at once as its first
   * coordinator; `creation-disabled` unless the relay's operator allows it.
   */
  'workspaces/create': (req: { from: string; name: string }) => WorkspaceEntry
  /** Whether the relay of `from` lets its coordinators create workspaces (asked before a name is typed). */
  'workspaces/can-create': (req: { from: string }) => { allowed: boolean }
  /** Who is in the workspace (any member may ask; only coordinators change it). */
  'members/list': (req: { workspace: string }) => MembersResponse
  /** Invites someone (coordinators): the link to send them. */
  'members/invite': (req: InviteFields) => CreatedInvite
  /** Gives a member another role (coordinators); effective at once on the relay. */
  'members/set-role': (req: { workspace: string; member: string; role: Role }) => MemberSummary
  /** Revokes a member or an unused invite (coordinators); their sockets close at once. */
  'members/revoke': (req: { workspace: string; member: string }) => MemberSummary
  /** Snapshot + updates of a doc (a room name) from the local store. */
  'store/load': (req: { doc: string }) => StoredUpdates
  /** Appends local updates, batched; resolves when they are durable on this computer. */
  'store/append': (req: { doc: string; updates: Uint8Array[] }) => { stored: number }
  /** Records the relay's committed state vector for a doc (from its durability acknowledgement). */
  'store/confirm': (req: { doc: string; stateVector: Uint8Array }) => null
  /**
   * Asks the user where to save (the native save dialog; the preview writes into its exports
   * folder), renders the paper, prints it for PDF, and writes the file atomically: a failed
   * export leaves any file already at that path untouched. Progress arrives as
   * `export/progress` events meanwhile; one export runs at a time.
   */
  'export/save': (req: ExportRequest) => ExportSaved
  /**
   * Saves a text the page made (the comments a revoked member could not send) where the user
   * chooses: the native save dialog, the preview's exports folder.
   */
  'export/save-text': (req: SaveTextRequest) => ExportSaved
  /**
   * Reads a Word document (.docx) the page has, chosen in its file picker or dropped on it,
   * under the import's limits (size, unpacked size, entries); parsed in the host, so the page
   * stays responsive. `import-refused` says why a file cannot be imported.
   */
  'import/read': (req: { fileName: string; bytes: Uint8Array }) => ImportedDocx
  /**
   * Asks the user for a Word document in the native open dialog and reads it as `import/read`
   * does (the preview has no such dialog and answers `cancelled`).
   */
  'import/open': () => ImportOpened
  /** Appends to the host log file. */
  'log/write': (req: { level: 'info' | 'warn' | 'error'; message: string }) => null
  /**
   * Checks spelling in this language from now on (the open paper's), with the dictionaries the
   * host has; the languages it set, none where the platform chooses by itself (macOS, a browser).
   */
  'spelling/language': (req: { language: SpellingLanguage }) => { languages: string[] }
  /** The update's status now; changes arrive as `update/status` events. */
  'update/status': () => UpdateStatus
  /** Quits and installs the update that is `ready` (the store is closed first, as on any quit). */
  'update/restart': () => null
}

/** Pushed host -> renderer. */
export type HostEvents = {
  /** A samstemt:// invite link arrived (deep link or second instance). */
  'app/invite': { link: string }
  'menu/new-paper': null
  'menu/export': null
  /** File › Import from Word…: the host's open dialog is shown through `import/open`. */
  'menu/import': null
  /**
   * Edit > Undo / Redo chosen with the mouse. Their shortcuts are not taken by the menu, so the
   * editor's own keymap (Yjs undo) receives the keys.
   */
  'menu/undo': null
  'menu/redo': null
  /** The store reports a problem (full disk, recovered file) the user must see. */
  'store/problem': HostError
  /**
   * How far the running `export/save` has come: sent after the user chose the file, then
   * once per stage until `done`. A failed or cancelled export sends no `done`; its Result says why.
   */
  'export/progress': ExportProgress
  /** The update's status changed (a download started, or it is ready: "restart to update"). */
  'update/status': UpdateStatus
}

export type Channel = keyof HostHandlers
export type Request<C extends Channel> = Parameters<HostHandlers[C]>[0]
export type Response<C extends Channel> = ReturnType<HostHandlers[C]>
export type HostEvent = keyof HostEvents

/** What the host implements for each channel: the validated request in, a Result out. */
export type HostImplementation = {
  [C in Channel]: (request: Request<C>) => Promise<Result<Response<C>>>
}

/** What `window.samstemt` is, in Electron and in the preview bridge alike. */
export type SamstemtApi = {
  invoke<C extends Channel>(
    channel: C,
    ...request: Parameters<HostHandlers[C]>
  ): Promise<Result<Response<C>>>
  on<E extends keyof HostEvents>(event: E, listener: (payload: HostEvents[E]) => void): () => void
}
