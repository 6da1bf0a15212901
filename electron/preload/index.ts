import { contextBridge } from 'electron'

contextBridge.exposeInMainWorld('samstemt', { platform: process.platform })
