/**
 * English texts of sharing: the member list, invites, roles and revocation, what a member sees
 * when their access changes, unencrypted keys and relays, and the errors of the relay's API.
 */
export const enMembers = {
  'members.open': 'Members',
  'members.share': 'Share',
  'members.title': 'Members of {workspace}',
  'members.close': 'Close',
  'members.loading': 'Reading the member list from the relay…',
  'members.count': { one: '{count} member', other: '{count} members' },
  'members.readOnly': 'Only a coordinator can invite people, change roles or revoke access.',
  'members.invite': 'Invite someone',
  'members.retry': 'Read the list again',
  'members.you': 'you',
  'members.status.invited': 'Invited',
  'members.status.active': 'Active',
  'members.status.revoked': 'Revoked',
  'members.inviteUntil': 'The invite works until {date}',
  'members.inviteNoExpiry': 'The invite has no expiry',
  'members.inviteExpired': 'The invite expired on {date}',
  'members.lastSeen': 'Last connected {when}',
  'members.neverSeen': 'Not connected yet',
  'members.role.label': 'Role of {name}',
  'members.role.changing': 'Changing the role…',
  'members.role.changed': '{name} is now {role}.',
  'members.role.self':
    'You will no longer be a coordinator: after this you cannot invite people or change roles. Make yourself {role}?',
  'members.role.selfConfirm': 'Make me {role}',
  'members.role.keep': 'Keep my role',
  'members.revoke': 'Revoke',
  'members.revoke.label': 'Revoke access for {name}',
  'members.revoke.title': 'Revoke access for {name}?',
  'members.revoke.body':
    '{name} ({organisation}) will no longer be able to open or change anything in this workspace, on any computer, from now on. What they already have on their own computer stays there.',
  'members.revoke.bodyInvite':
    'The invite sent to {name} ({organisation}) stops working at once; nobody can join with it.',
  'members.revoke.confirm': 'Revoke access',
  'members.revoke.cancel': 'Cancel',
  'members.revoked': 'Access for {name} is revoked.',
  'members.failed': '{title}. {body}',

  'invite.title': 'Invite someone to {workspace}',
  'invite.back': 'Back to the members',
  'invite.name': 'Name',
  'invite.name.hint': 'As the others will see it beside their text and comments.',
  'invite.name.missing': 'Enter the name of the person you invite.',
  'invite.organisation': 'Organisation',
  'invite.organisation.hint': 'The partner organisation they write for.',
  'invite.organisation.missing': 'Enter the organisation they write for.',
  'invite.role': 'Role',
  'invite.expiry': 'The link can be used for',
  'invite.expiry.1': '1 day',
  'invite.expiry.7': '7 days',
  'invite.expiry.30': '30 days',
  'invite.expiry.never': 'As long as it is not used',
  'invite.expiry.hint': 'It works once, on the first computer that joins with it.',
  'invite.create': 'Create invite',
  'invite.creating': 'Creating the invite…',
  'invite.ready': 'The invite for {name} is ready',
  'invite.ready.lead':
    'Send {name} the link below. It works once, {expiry}. Anyone who has the link can join as {name}: send it only to them.',
  'invite.ready.until': 'until {date}',
  'invite.ready.noExpiry': 'with no expiry',
  'invite.link': 'Invite link',
  'invite.copyLink': 'Copy link',
  'invite.email': 'Text for an e-mail',
  'invite.copyEmail': 'Copy text',
  'invite.copied': 'Copied to the clipboard.',
  'invite.copyFailed': 'Could not copy: the text is selected, press Ctrl+C (⌘C on a Mac).',
  'invite.another': 'Invite someone else',
  'invite.done': 'Done',
  'invite.email.text':
    'Hello {name},\n\nI would like you to join the workspace "{workspace}" in Samstemt, where we write our position papers together. You are invited as {role} for {organisation}: {description}\n\n1. Install Samstemt, if you do not have it yet (ask me if you need the installer).\n2. Open Samstemt, choose "Join a workspace" and paste this link:\n\n{link}\n\nThe link works once, {expiry}. Please do not forward it: anyone who has it can join as you.\n\nBest regards,\n{sender}',

  'access.revoked.title': 'Your access to {workspace} was revoked',
  'access.revoked.body':
    'You can still read what is on this computer, but writing is turned off: nothing you change could reach the others. Comments that had not reached the relay are kept here; save them to send them another way.',
  'access.lost.title': 'The relay no longer knows this computer',
  'access.lost.body':
    'Writing is turned off: nothing you change could reach the others. Your work is kept on this computer. Ask the coordinator for a new invite.',
  'access.reason.revoked': 'Turned off: your access to this workspace was revoked.',
  'access.reason.lost': 'Turned off: the relay no longer knows this computer.',
  'access.roleChanged': 'Your role in this workspace is now {role}: {description}',
  'access.dismiss': 'Dismiss',

  'unsent.title': {
    one: '{count} comment on this paper was not sent',
    other: '{count} comments on this paper were not sent',
  },
  'unsent.body':
    'They are kept on this computer. Save them to send them to the coordinator another way.',
  'unsent.status': { one: '{count} comment not sent', other: '{count} comments not sent' },
  'unsent.saveMarkdown': 'Save as Markdown',
  'unsent.saveJson': 'Save as JSON',
  'unsent.saved': 'Saved: {path}',
  'unsent.file': 'Unsent comments – {title}',
  'unsent.md.title': 'Comments not sent: {title}',
  'unsent.md.intro':
    'Written in the workspace "{workspace}" by {name} ({organisation}); they did not reach the relay before access to the workspace was revoked.',
  'unsent.md.comment': 'Comment by {name}, {date}',
  'unsent.md.reply': 'Reply by {name} to {author}, {date}',
  'unsent.md.on': 'On the text',
  'unsent.md.suggestion': 'Suggested wording',

  'review.thread.notSentRevoked': 'Not sent: your access was revoked',
  'review.thread.notSentRevokedHint':
    'Kept on this computer. Save your unsent comments (above the paper) to send them another way.',

  'secrets.title': 'Your key to this workspace is stored unencrypted',
  'secrets.body':
    'This computer has no keychain Samstemt can use (on Linux: no GNOME Keyring or KWallet running), so the key that lets you into the workspace is kept in your profile folder as plain text. Anyone who can read your files (another user with administrator rights, a backup, a lost laptop without disk encryption) could use it to read and write as you. Samstemt encrypts it as soon as a keychain is there.',
  'secrets.ok': 'I understand',

  'join.insecure.title': 'This relay is not encrypted',
  'join.insecure.body':
    'The invite points to {relay}, which uses ws:// instead of wss://. Your key to the workspace and everything you write would cross the network unencrypted: anyone on the way (a café or hotel network) could read your papers or join as you. Ask the coordinator for a link that starts with wss://.',
  'join.insecure.show': 'Show the invite anyway',
  'join.insecure.note':
    'Not encrypted: the key and everything you write cross the network in clear.',
  'join.confirmInsecure': 'Join {workspace} anyway',

  'connection.lost': 'The relay no longer knows this computer: writing is turned off',
  'connection.secure': 'Encrypted connection',
  'connection.insecure': 'Not encrypted',

  'error.invite-unknown.title': 'The relay does not know this invite',
  'error.invite-unknown.body':
    'Check that you copied the whole link, from samstemt://join to the end. If it still fails, ask the coordinator to send it again.',
  'error.invite-expired.title': 'This invite has expired',
  'error.invite-expired.body': 'Ask the coordinator for a new one.',
  'error.invite-used.title': 'This invite has already been used',
  'error.invite-used.body':
    'Each invite joins one computer. If it was not you who used it, tell the coordinator at once: they can revoke it and send you a new one.',
  'error.insecure-relay.title': 'This relay is not encrypted',
  'error.insecure-relay.body': 'Ask the coordinator for a link that starts with wss://.',
  'error.access-revoked.title': 'Your access to this workspace was revoked',
  'error.access-revoked.body':
    'What is on this computer stays here, but you can no longer change anything in the workspace. Ask the coordinator if you think this is a mistake.',
  'error.access-unknown.title': 'The relay no longer knows this computer',
  'error.access-unknown.body':
    'Its data may have been reset. Your work is kept on this computer. Ask the coordinator for a new invite.',
  'error.key-unreadable.title': 'The key to this workspace cannot be read',
  'error.key-unreadable.body':
    'The system keychain has changed. Your work is kept on this computer. Ask the coordinator for a new invite and join again.',
  'error.forbidden.title': 'Only a coordinator can do this',
  'error.forbidden.body': 'Ask a coordinator of the workspace.',
  'error.member-not-found.title': 'This person is no longer in the workspace',
  'error.member-not-found.body': 'The list may have changed meanwhile: read it again.',
  'error.last-coordinator.title': 'The workspace needs a coordinator',
  'error.last-coordinator.body':
    'You are its last coordinator. Make someone else coordinator first, then change your own role.',
  'error.relay-refused.title': 'The relay refused this',
  'error.relay-refused.body': 'Check what you entered and try again.',
  'error.creation-disabled.title': 'This relay does not allow new workspaces from the app',
  'error.creation-disabled.body':
    "Ask the relay's operator to create the workspace, or to allow it (serve --allow-workspace-creation).",
} as const
