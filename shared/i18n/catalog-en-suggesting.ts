/** English texts of suggesting mode: the mode switch, suggestion cards, bulk decisions. */
export const enSuggesting = {
  'suggesting.mode.label': 'Mode: editing or suggesting',
  'suggesting.mode.editing': 'Editing',
  'suggesting.mode.suggesting': 'Suggesting',
  'suggesting.mode.hint':
    'Editing changes the text; suggesting makes your changes suggestions that others accept or reject ({suggest} suggests, {edit} edits)',
  'suggesting.mode.forced':
    'You are suggesting: your changes are suggestions that an editor accepts or rejects.',
  'suggesting.note.reviewer':
    'You are a reviewer: what you type, delete or format becomes a suggestion that the editors accept or reject. The title and details stay as they are.',
  'suggesting.note.paper':
    'The coordinator has set this paper to suggestions only: every change is a suggestion until an editor accepts it.',
  'suggesting.refused.structure':
    'Lists, tables and text styles cannot be suggested. Write a comment on the text instead, or ask an editor.',
  'suggesting.refused.format':
    "Another person's suggested formatting cannot be changed by a suggestion.",
  'suggesting.toolOff': '{label} (not while suggesting)',
  'suggesting.card.label': 'Suggestion by {name}',
  'suggesting.card.insert': 'Add',
  'suggesting.card.delete': 'Delete',
  'suggesting.card.replace': 'Replace',
  'suggesting.card.with': 'with',
  'suggesting.card.format': 'Change the formatting',
  'suggesting.card.split': 'Start a new paragraph',
  'suggesting.card.join': 'Join two paragraphs',
  'suggesting.accept': 'Accept',
  'suggesting.reject': 'Reject',
  'suggesting.acceptNamed': "Accept {name}'s suggestion",
  'suggesting.rejectNamed': "Reject {name}'s suggestion",
  'suggesting.replyLabel': "Reply to {name}'s suggestion",
  'suggesting.gone': 'Its text was deleted meanwhile: nothing is left to decide.',
  'suggesting.gone.label': "{name}'s suggestion, deleted meanwhile",
  'suggesting.dismiss': 'Dismiss',
  'suggesting.vanished':
    'No longer in the text: its author took it back, or someone deleted its text meanwhile.',
  'suggesting.list.count': { one: '{count} open suggestion', other: '{count} open suggestions' },
  'suggesting.keys': 'Next and previous suggestion: Ctrl+Alt+Shift+↓ and ↑',
  'suggesting.bulk.label': 'Decide many suggestions at once',
  'suggesting.bulk.who': 'Whose suggestions',
  'suggesting.bulk.everyone': 'Everyone',
  'suggesting.bulk.member': '{name} ({organisation})',
  'suggesting.bulk.organisation': 'Everyone from {organisation}',
  'suggesting.bulk.accept': { one: 'Accept {count}', other: 'Accept all {count}' },
  'suggesting.bulk.reject': { one: 'Reject {count}', other: 'Reject all {count}' },
  'suggesting.bulk.accepted': {
    one: '{count} suggestion accepted (Ctrl+Z undoes it)',
    other: '{count} suggestions accepted (Ctrl+Z undoes it)',
  },
  'suggesting.bulk.rejected': {
    one: '{count} suggestion rejected (Ctrl+Z undoes it)',
    other: '{count} suggestions rejected (Ctrl+Z undoes it)',
  },
  'suggesting.export.show': {
    one: 'Show the open suggestion as a tracked change',
    other: 'Show the {count} open suggestions as tracked changes',
  },
  'suggesting.export.hint':
    'Word shows them as tracked changes by their authors, to finish the review there; the PDF as a redline. Unticked, the paper goes out as agreed: without them.',
  'suggesting.only.label': 'Suggestions only',
  'suggesting.only.hint':
    'Everyone, editors too, suggests changes instead of making them, for example during a review. Only the coordinator sets it.',
  'suggesting.version.open': {
    one: '{count} suggestion was open (not part of this version)',
    other: '{count} suggestions were open (not part of this version)',
  },
} as const
