import { Worker } from 'node:worker_threads'
import { besideModule } from '../shared/store/beside-module.ts'
import type { WatchdogData } from './watchdog-thread.ts'

export type WatchdogOptions = {
  /** Kill the process when its event loop is stuck this long (0: never). */
  killAfterSeconds: number
  /** A port for GET /healthz answered by the watchdog thread (0: any free one); null: none. */
  healthPort: number | null
  healthHost: string
}

export type Watchdog = {
  /** The health port, once listening (null without one). */
  healthPort: number | null
  /** Tells systemd the relay is ready (with NOTIFY_SOCKET set). */
  ready(): void
  stop(): Promise<void>
}

/**
 * Starts the watchdog thread: it kills a relay whose event loop has been stuck longer than
 * `killAfterSeconds` (so systemd or Docker restarts it), answers /healthz on its own port while
 * the main thread cannot, and pings systemd's watchdog (WatchdogSec) only while the loop runs.
 */
export async function startWatchdog(options: WatchdogOptions): Promise<Watchdog> {
  const heartbeat = new SharedArrayBuffer(8)
  const beat = new Float64Array(heartbeat)
  beat[0] = Date.now()
  const timer = setInterval(() => (beat[0] = Date.now()), 250)
  timer.unref()
  const data: WatchdogData = {
    heartbeat,
    killAfterMs: options.killAfterSeconds * 1000,
    healthPort: options.healthPort,
    healthHost: options.healthHost,
  }
  const worker = new Worker(besideModule(import.meta.url, 'watchdog-thread'), {
    workerData: data,
  })
  worker.unref()
  const healthPort = await new Promise<number | null>((resolve, reject) => {
    worker.once('error', reject)
    worker.once('message', (message: { type: 'listening'; port: number | null }) =>
      resolve(message.port),
    )
  })
  return {
    healthPort,
    ready: () => worker.postMessage({ type: 'ready' }),
    stop: async () => {
      clearInterval(timer)
      await worker.terminate()
    },
  }
}
