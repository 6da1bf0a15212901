import { createServer, connect, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy in front of the relay for one app: `cut()` drops its connections and refuses new
 * ones, as a train entering a tunnel would; `restore()` lets it through again, on the same port.
 */
export type CuttableProxy = {
  url: string
  cut(): Promise<void>
  restore(): Promise<void>
  close(): Promise<void>
}

export async function startCuttableProxy(target: { port: number }): Promise<CuttableProxy> {
  const sockets = new Set<Socket>()
  const serve = (): Server =>
    createServer((client) => {
      const upstream = connect(target.port, '127.0.0.1')
      for (const socket of [client, upstream]) {
        sockets.add(socket)
        socket.once('close', () => sockets.delete(socket))
        socket.on('error', () => socket.destroy())
      }
      client.pipe(upstream).pipe(client)
      client.once('close', () => upstream.destroy())
      upstream.once('close', () => client.destroy())
    })
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        const address = server.address()
        resolve(typeof address === 'object' && address !== null ? address.port : port)
      })
    })
  let server: Server | null = serve()
  const port = await listen(server, 0)
  const stop = async () => {
    const closing = server
    server = null
    if (closing === null) return
    const closed = new Promise<void>((resolve) => closing.close(() => resolve()))
    for (const socket of sockets) socket.destroy()
    await closed
  }
  return {
    url: `ws://127.0.0.1:${port}`,
    cut: stop,
    restore: async () => {
      if (server !== null) return
      server = serve()
      await listen(server, port)
    },
    close: stop,
  }
}
