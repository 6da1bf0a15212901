import { parseWire } from '../../../shared/ipc/wire.ts'

/** One message of the bridge's event stream: a host event, or a control word for the page. */
export type BridgeMessage = { event: string; payload: unknown } | { control: 'reload' }

/**
 * Splits a server-sent-events text stream into messages. `push` takes chunks as they arrive
 * (a message can span chunks) and returns the messages completed so far.
 */
export function createEventParser(): (chunk: string) => BridgeMessage[] {
  let buffer = ''
  return (chunk) => {
    buffer += chunk
    const blocks = buffer.split('\n\n')
    buffer = blocks.pop() ?? ''
    const messages: BridgeMessage[] = []
    for (const block of blocks) {
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n')
      if (data === '') continue
      try {
        messages.push(parseWire(data) as BridgeMessage)
      } catch {
        // A frame that does not parse is skipped; the stream itself stays usable.
      }
    }
    return messages
  }
}
