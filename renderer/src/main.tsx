import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
// Tokens and base styles first: screen stylesheets imported by App must come later to override them.
import './styles/tokens.css'
import './styles/base.css'
import { App } from './shell/App.tsx'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>
)
