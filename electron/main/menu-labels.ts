import type { Settings } from '../../shared/ipc/index.ts'

/** The menu's words; the menu follows the app's language setting, not the OS language. */
export type MenuLabels = {
  file: string
  newPaper: string
  importWord: string
  exportPaper: string
  close: string
  quit: string
  edit: string
  undo: string
  redo: string
  cut: string
  copy: string
  paste: string
  selectAll: string
  view: string
  actualSize: string
  zoomIn: string
  zoomOut: string
  fullScreen: string
  window: string
  minimize: string
  help: string
  showLog: string
  about: string
  /** The context menu on a misspelled word. */
  noSuggestions: string
  addToDictionary: string
}

export const MENU_LABELS: Record<Settings['language'], MenuLabels> = {
  en: {
    file: 'File',
    newPaper: 'New paper',
    importWord: 'Import from Word…',
    exportPaper: 'Export…',
    close: 'Close',
    quit: 'Quit Samstemt',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    actualSize: 'Actual size',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fullScreen: 'Full screen',
    window: 'Window',
    minimize: 'Minimise',
    help: 'Help',
    showLog: 'Show log file',
    about: 'About Samstemt',
    noSuggestions: 'No spelling suggestions',
    addToDictionary: 'Add to dictionary',
  },
  nb: {
    file: 'Fil',
    newPaper: 'Nytt notat',
    importWord: 'Importer fra Word …',
    exportPaper: 'Eksporter …',
    close: 'Lukk',
    quit: 'Avslutt Samstemt',
    edit: 'Rediger',
    undo: 'Angre',
    redo: 'Gjør om',
    cut: 'Klipp ut',
    copy: 'Kopier',
    paste: 'Lim inn',
    selectAll: 'Merk alt',
    view: 'Vis',
    actualSize: 'Faktisk størrelse',
    zoomIn: 'Zoom inn',
    zoomOut: 'Zoom ut',
    fullScreen: 'Fullskjerm',
    window: 'Vindu',
    minimize: 'Minimer',
    help: 'Hjelp',
    showLog: 'Vis loggfil',
    about: 'Om Samstemt',
    noSuggestions: 'Ingen forslag til stavemåte',
    addToDictionary: 'Legg til i ordlisten',
  },
}
