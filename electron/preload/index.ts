import { contextBridge, ipcRenderer } from 'electron'
import type { SamstemtApi } from '../../shared/ipc/contract.ts'
import { createSamstemtApi } from './samstemt-api.ts'

// The preload's only job: expose exactly the contract as window.samstemt, and nothing else.
contextBridge.exposeInMainWorld('samstemt', createSamstemtApi(ipcRenderer) satisfies SamstemtApi)
