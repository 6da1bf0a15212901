// The relay's watchdog: a worker thread, so it answers and acts while the main thread's event
// loop is stuck. The main thread writes the time into a shared buffer four times a second.
import { spawn } from 'node:child_process'
import { writeSync } from 'node:fs'
import { createServer } from 'node:http'
import { parentPort, workerData } from 'node:worker_threads'

export type WatchdogData = {
  heartbeat: SharedArrayBuffer
  /** Kill the process after this long without a heartbeat; 0 never. */
  killAfterMs: number
  /** Serve GET /healthz from this thread on this port (0: any free one); null: no server. */
  healthPort: number | null
  healthHost: string
}

const data = workerData as WatchdogData
const beat = new Float64Array(data.heartbeat)
const port = parentPort
const stalledFor = () => Date.now() - (beat[0] ?? 0)

/** systemd's sd_notify, through its own tool: Node has no datagram sockets on Unix paths. */
function notify(state: string): void {
  if (!process.env.NOTIFY_SOCKET) return
  const child = spawn('systemd-notify', [state], { stdio: 'ignore' })
  child.on('error', () => undefined)
  child.unref()
}

const check = setInterval(() => {
  const stalled = stalledFor()
  if (data.killAfterMs > 0 && stalled > data.killAfterMs) {
    // The event loop is stuck: nothing else can run. A restart (systemd, Docker) brings the relay
    // back with everything committed; uncommitted updates were never acknowledged.
    writeSync(
      2,
      JSON.stringify({
        time: new Date().toISOString(),
        event: 'watchdog-kill',
        stalledMs: stalled,
      }) + '\n',
    )
    process.kill(process.pid, 'SIGKILL')
  }
}, 250)
check.unref()

const watchdogUsec = Number(process.env.WATCHDOG_USEC ?? 0)
if (watchdogUsec > 0) {
  const every = Math.max(250, watchdogUsec / 2000)
  setInterval(() => {
    if (stalledFor() < every * 2) notify('WATCHDOG=1')
  }, every).unref()
}

port?.on('message', (message: { type: 'ready' }) => {
  if (message.type === 'ready') notify('READY=1')
})

if (data.healthPort !== null) {
  const server = createServer((req, res) => {
    const stalled = stalledFor()
    const healthy = stalled < 2000
    const path = (req.url ?? '/').split('?')[0]
    if (path !== '/healthz') {
      res.writeHead(404).end()
      return
    }
    res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ ok: healthy, eventLoopStalledMs: Math.round(stalled) }) + '\n')
  })
  server.listen(data.healthPort, data.healthHost, () => {
    const address = server.address()
    port?.postMessage({
      type: 'listening',
      port: typeof address === 'object' ? address?.port : null,
    })
  })
} else {
  port?.postMessage({ type: 'listening', port: null })
}
