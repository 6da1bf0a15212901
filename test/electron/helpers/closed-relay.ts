import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A loopback address where nothing listens: the port was just freed. */
export async function closedRelayUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `ws://127.0.0.1:${port}`
}
