import '@fontsource-variable/inter/wght.css'
import '@fontsource-variable/inter/wght-italic.css'
import '@fontsource-variable/source-serif-4/wght.css'
import '@fontsource-variable/source-serif-4/wght-italic.css'
import './styles/tokens.css'
import './styles/base.css'
import './styles/controls.css'
import './styles/feedback.css'
import './styles/shell.css'
import './styles/top-bar.css'
import './styles/welcome.css'
import './styles/library.css'
import './styles/paper-table.css'
import './styles/paper-body.css'
import './styles/meta-panel.css'
import './styles/review.css'
import './styles/editor.css'
import './styles/status.css'
import './styles/workflow.css'
import './styles/members.css'
import './styles/import.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { installPlatform } from './platform/index.ts'
import { applyPaperTokens } from './styles/paper-tokens.ts'

applyPaperTokens(document.documentElement)
const root = document.getElementById('root')
if (root) {
  // Electron's preload has put the host API on the window; in a browser this installs the bridge.
  const api = installPlatform()
  createRoot(root).render(
    <StrictMode>
      <App api={api} />
    </StrictMode>,
  )
}
