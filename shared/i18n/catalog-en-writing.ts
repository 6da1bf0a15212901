/** English texts of the writing surface: text styles, find and replace, spelling, the title. */
export const enWriting = {
  'toolbar.style': 'Text style',
  'toolbar.style.paragraph': 'Normal text',
  'toolbar.style.heading1': 'Heading 1',
  'toolbar.style.heading2': 'Heading 2',
  'toolbar.style.heading3': 'Heading 3',
  'toolbar.style.mixed': 'Several styles',
  'toolbar.textButton': '{text}, {label}',
  'toolbar.find': 'Find and replace',

  'title.placeholder': 'Title of the paper',

  'find.title': 'Find and replace',
  'find.label': 'Find in the paper',
  'find.replaceLabel': 'Replace with',
  'find.count': '{current} of {total}',
  'find.none': 'No matches',
  'find.previous': 'Previous match',
  'find.next': 'Next match',
  'find.matchCase': 'Match case',
  'find.wholeWord': 'Whole words only',
  'find.showReplace': 'Replace…',
  'find.replace': 'Replace',
  'find.replaceAll': 'Replace all',
  'find.replaced': { one: '{count} replacement made', other: '{count} replacements made' },
  'find.close': 'Close find',
  'find.readOnly': 'This paper cannot be changed here, so nothing can be replaced.',
} as const
