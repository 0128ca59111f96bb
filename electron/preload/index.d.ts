import type { SpeakloopApi } from '../shared/contract.ts'

// What the preload exposes, for the renderer's type checking (tsconfig.web.json includes this file).
declare global {
  interface Window {
    speakloop: SpeakloopApi
  }
}

export {}
