/** English texts of importing from Word: a new paper, or a review back into a paper. */
export const enImport = {
  'import.open': 'Import from Word…',
  'import.review.open': 'Import review from Word…',
  'import.drop': 'Drop a Word document (.docx) to import it as a new paper',
  'import.reading': 'Reading {file}…',
  'import.title.paper': 'Import {file} as a new paper',
  'import.title.review': 'Import the review in {file}',
  'import.refused.title': 'This file cannot be imported',
  'import.nothingWritten': 'Nothing was written.',
  'import.found': 'What will be created',
  'import.found.title': 'Title: {title}',
  'import.found.recipients': 'To: {recipients}',
  'import.found.headings': { one: '{count} heading', other: '{count} headings' },
  'import.found.paragraphs': { one: '{count} paragraph', other: '{count} paragraphs' },
  'import.found.lists': { one: '{count} list', other: '{count} lists' },
  'import.found.tables': { one: '{count} table', other: '{count} tables' },
  'import.found.notes': {
    one: '{count} footnote, as a note at the end',
    other: '{count} footnotes, as notes at the end',
  },
  'import.suggestions': {
    one: '{count} suggestion by {author}',
    other: '{count} suggestions by {author}',
  },
  'import.noSuggestions':
    'No suggestions: the text is the same as the version it was exported from.',
  'import.comments': '{threads} and {replies} by {author}',
  'import.comments.threads': { one: '{count} comment', other: '{count} comments' },
  'import.comments.replies': { one: '{count} reply', other: '{count} replies' },
  'import.dropped': 'What cannot be imported, and why',
  'import.dropped.images': {
    one: '{count} picture: papers hold no pictures; add it to the export afterwards',
    other: '{count} pictures: papers hold no pictures; add them to the export afterwards',
  },
  'import.dropped.charts': {
    one: '{count} chart: papers hold no charts',
    other: '{count} charts: papers hold no charts',
  },
  'import.dropped.equations': {
    one: '{count} equation: papers hold no equations',
    other: '{count} equations: papers hold no equations',
  },
  'import.dropped.objects': {
    one: '{count} embedded object (a spreadsheet, say): papers hold text only',
    other: '{count} embedded objects (spreadsheets, say): papers hold text only',
  },
  'import.dropped.textBoxes': {
    one: '{count} text box: its text is kept as a paragraph',
    other: '{count} text boxes: their text is kept as paragraphs',
  },
  'import.dropped.formatChanges': {
    one: '{count} tracked formatting change: the text is imported as Word shows it now',
    other: '{count} tracked formatting changes: the text is imported as Word shows it now',
  },
  'import.dropped.rowChanges': {
    one: '{count} tracked table row change: the row is imported as it is now',
    other: '{count} tracked table row changes: the rows are imported as they are now',
  },
  'import.dropped.superscripts': {
    one: '{count} superscript or subscript: kept as plain text',
    other: '{count} superscripts or subscripts: kept as plain text',
  },
  'import.dropped.transient': {
    one: '{count} field or bookmark Word makes by itself: not needed in the paper',
    other: '{count} fields or bookmarks Word makes by itself: not needed in the paper',
  },
  'import.dropped.unknownStyles': {
    one: '{count} style the style map does not know ({detail}): imported as normal text',
    other: '{count} styles the style map does not know ({detail}): imported as normal text',
  },
  'import.dropped.decidedInWord': {
    one: '{count} suggestion accepted or rejected in Word: the decision is left to the paper',
    other: '{count} suggestions accepted or rejected in Word: the decisions are left to the paper',
  },
  'import.dropped.deletedSuggestions': {
    one: '{count} change to text that is gone from the paper since',
    other: '{count} changes to text that is gone from the paper since',
  },
  'import.dropped.unplaced': {
    one: '{count} change that has no place in the current text',
    other: '{count} changes that have no place in the current text',
  },
  'import.dropped.lineBreaks': {
    one: '{count} line break inside a paragraph: kept as a space',
    other: '{count} line breaks inside paragraphs: kept as spaces',
  },
  'import.dropped.unanchoredComments': {
    one: '{count} comment on text that is no longer there',
    other: '{count} comments on text that is no longer there',
  },
  'import.dropped.knownComments': {
    one: '{count} comment the paper has already (exported with it)',
    other: '{count} comments the paper has already (exported with it)',
  },
  'import.nothingDropped': 'Everything in the document can be imported.',
  'import.authors': 'Who wrote what',
  'import.authors.hint':
    'Word only knows the names people gave it. Choose who each one is here; someone outside the workspace keeps their name as an external reviewer.',
  'import.authors.external': 'As an external reviewer ({name})',
  'import.authors.me': '{name} (you)',
  'import.against': 'Reviewed against',
  'import.against.current': 'The text as it is now',
  'import.against.hint':
    'The version the document was exported from. Changes against it become suggestions in the text as it is now: nothing is applied.',
  'import.submit.paper': 'Create the paper',
  'import.submit.review': 'Add the suggestions and comments',
  'import.writing': 'Importing…',
  'import.cancel': 'Cancel',
  'import.failed': 'Not imported: {reason}',
  'import.done.review':
    'Imported: {suggestions} and {comments}. Undo takes the suggestions back in one step.',
  'import.done.suggestions': { one: '{count} suggestion', other: '{count} suggestions' },
  'import.done.comments': { one: '{count} comment', other: '{count} comments' },
  'error.import-refused.title': 'This file cannot be imported',
  'error.import-refused.body': 'Nothing was written. The message below says what to do.',
} as const
