import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from './api.ts'

// The whole preload: expose the contract as `window.speakloop`, nothing else (no ipcRenderer, no Node).
contextBridge.exposeInMainWorld('speakloop', buildApi(ipcRenderer))
