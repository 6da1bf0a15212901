/** English UI texts; the keys and `{placeholders}` here are the reference for every language. */
export const en = {
  'app.name': 'Samstemt',
  'app.tagline': 'Position papers, written together.',
  'app.loading': 'Opening Samstemt…',
  'app.skipToContent': 'Skip to content',
  'app.retry': 'Try again',

  'language.label': 'Language',
  'language.paper.nb': 'Norwegian (Bokmål)',
  'language.paper.en': 'English',

  'role.coordinator': 'Coordinator',
  'role.editor': 'Editor',
  'role.reviewer': 'Reviewer',
  'role.coordinator.description':
    'Writes papers, manages the workspace and takes papers through review to final.',
  'role.editor.description': 'Writes and comments on papers together with the other partners.',
  'role.reviewer.description': 'Reads and comments on papers, but cannot change the text.',

  'welcome.title': 'Welcome to Samstemt',
  'welcome.lead':
    'Draft position papers together with your partner organisations, in one voice. Join the workspace you were invited to, or try Samstemt with a sample workspace on this computer.',
  'welcome.join.title': 'Join with an invite',
  'welcome.join.body': 'Paste the invite link a coordinator sent you.',
  'welcome.join.action': 'Join a workspace',
  'welcome.sample.title': 'Try a sample workspace',
  'welcome.sample.body':
    'A workspace with one example paper, kept only on this computer. Nothing is shared.',
  'welcome.sample.action': 'Create a sample workspace',
  'welcome.sample.creating': 'Creating the sample…',

  'join.title': 'Join a workspace',
  'join.lead':
    'Paste the invite link you received. You will see what it gives access to before you join.',
  'join.link.label': 'Invite link',
  'join.link.hint': 'The link starts with samstemt://join',
  'join.check': 'Check invite',
  'join.checking': 'Checking the invite…',
  'join.preview.title': 'This invite gives you access to',
  'join.preview.workspace': 'Workspace',
  'join.preview.relay': 'Relay server',
  'join.preview.name': 'Your name',
  'join.preview.organisation': 'Organisation',
  'join.preview.role': 'Role',
  'join.relayNote':
    'Your changes will be sent through this relay server. Join only if you know the person who invited you.',
  'join.confirm': 'Join {workspace}',
  'join.joining': 'Joining…',
  'join.cancel': 'Cancel',
  'join.back': 'Back',

  'error.invalid-payload.title': 'Samstemt sent a request its host could not read',
  'error.invalid-payload.body':
    'This is a fault in the app. Restart Samstemt; if it happens again, send the log file to your coordinator.',
  'error.invalid-invite.title': 'This is not a valid invite link',
  'error.invalid-invite.body':
    'Check that you copied the whole link, from samstemt://join to the end. If it still fails, ask the coordinator to send it again.',
  'error.invite-revoked.title': 'This invite has been withdrawn',
  'error.invite-revoked.body':
    'The coordinator has revoked or replaced it. Ask them for a new invite.',
  'error.relay-unreachable.title': 'Could not reach the relay server',
  'error.relay-unreachable.body':
    'Check your internet connection and try again. If you are online, the relay may be down: let the coordinator know.',
  'error.unknown-workspace.title': 'This workspace is not on this computer',
  'error.unknown-workspace.body': 'It may have been removed. Join it again with your invite link.',
  'error.disk-full.title': 'The disk is full',
  'error.disk-full.body':
    'Free some space on this computer, then try again. What is already saved is safe.',
  'error.read-only.title': 'Samstemt cannot write to its data folder',
  'error.read-only.body':
    'Check that the folder is not read-only and that you may write to it, then restart Samstemt.',
  'error.store.title': 'Samstemt could not use its local store',
  'error.store.body':
    'Restart Samstemt. If it happens again, send the log file to your coordinator.',
  'error.internal.title': 'Something went wrong inside Samstemt',
  'error.internal.body':
    'This is a fault in the app. Restart Samstemt; if it happens again, send the log file named below to your coordinator.',
  'error.host-failed.title': 'Samstemt lost contact with its host',
  'error.host-failed.body':
    'Restart Samstemt. Your work up to the last save is kept on this computer.',
  'error.details': 'Technical details',
  'error.dismiss': 'Dismiss',

  'update.ready.title': 'Samstemt {version} is ready to install',
  'update.ready.body':
    'Restart to update now: your work is saved first. Otherwise the update is installed the next time you quit Samstemt.',
  'update.restart': 'Restart to update',
  'update.later': 'Later',

  'library.title': 'Papers',
  'library.count': { one: '{count} paper', other: '{count} papers' },
  'library.search.label': 'Search papers',
  'library.search.placeholder': 'Title or recipient',
  'library.filter.label': 'Status',
  'library.filter.all': 'All statuses',
  'library.new': 'New paper',
  'library.creating': 'Creating…',
  'library.loading': 'Loading papers…',
  'library.empty.title': 'No papers yet',
  'library.empty.body':
    'Start the first position paper of this workspace. It opens with the house template: key messages, background, recommendations and signatories.',
  'library.empty.reviewer': 'When the partners start a paper, it will appear here.',
  'library.noMatch': 'No papers match your search.',
  'library.clearFilters': 'Clear search and filter',
  'library.column.title': 'Title',
  'library.column.status': 'Status',
  'library.column.recipients': 'Recipients',
  'library.column.updated': 'Last change',
  'library.noRecipients': 'No recipients yet',
  'library.untitled': 'Untitled paper',
  'library.newTitle': 'New position paper',

  'paperStatus.draft': 'Draft',
  'paperStatus.review': 'In review',
  'paperStatus.final': 'Final',
  'paperStatus.sent': 'Sent',

  'time.justNow': 'just now',
  'time.unknown': 'Unknown',
} as const
