import { Menu, type BrowserWindow, type Session } from 'electron'
import type { Settings } from '../../shared/ipc/index.ts'
import type { HostLog } from '../host/host-log.ts'
import {
  contextMenu,
  createSpelling,
  dictionaryUrlFrom,
  type SpellingService,
} from '../host/spelling.ts'
import { MENU_LABELS } from './menu-labels.ts'

/** Spell checking on the app's session, with dictionaries from where the operator says. */
export function setupSpelling(session: Session, log: HostLog): SpellingService {
  return createSpelling(session, { dictionaryUrl: dictionaryUrlFrom(process.env, log), log })
}

/**
 * The window's context menu: spelling suggestions for a misspelled word (each replaces it),
 * "add to dictionary", and cut, copy and paste, in the app's language.
 */
export function setupContextMenu(
  window: BrowserWindow,
  spelling: SpellingService,
  language: () => Settings['language'],
): void {
  const contents = window.webContents
  contents.on('context-menu', (_event, params) => {
    const template = contextMenu(params, MENU_LABELS[language()], {
      replace: (word) => contents.replaceMisspelling(word),
      addWord: (word) => spelling.addWord(word),
    })
    if (template.length > 0) Menu.buildFromTemplate(template).popup({ window })
  })
}
