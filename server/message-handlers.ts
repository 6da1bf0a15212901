import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import {
  encodeDurable,
  messageAwareness,
  messageQueryAwareness,
  messageSync,
} from '../shared/protocol/index.ts'
import { admitPresence } from './presence.ts'
import { RejectedFrame, type MessageContext } from './relay-context.ts'
import { receiveUpdate } from './update-intake.ts'

type Handler = (context: MessageContext, decoder: decoding.Decoder) => void

/** What the relay accepts from clients, by message type; anything else closes the socket. */
export const messageHandlers: Handler[] = []

messageHandlers[messageSync] = (context, decoder) => {
  const { room, connection } = context
  const type = decoding.readVarUint(decoder)
  if (type === syncProtocol.messageYjsSyncStep1) {
    // Answered for every role: reading is always allowed.
    const stateVector = decoding.readVarUint8Array(decoder)
    try {
      Y.decodeStateVector(stateVector)
    } catch (error) {
      throw new RejectedFrame('malformed', `sync step 1: ${String(error)}`)
    }
    // Content: sent once the claims of the client ids in it are on disk (Room.send).
    room.send(() => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, messageSync)
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
      encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(room.doc, stateVector))
      connection.send(encoding.toUint8Array(encoder))
    })
    if (connection.durable) {
      void room.tail.then(() => connection.send(encodeDurable(room.committedSv)))
    }
  } else if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
    receiveUpdate(context, decoding.readVarUint8Array(decoder))
  } else {
    throw new RejectedFrame('malformed', `unknown sync message ${type}`)
  }
}

messageHandlers[messageAwareness] = ({ room, connection }, decoder) => {
  const admitted = admitPresence(room, connection, decoding.readVarUint8Array(decoder))
  if (admitted !== null)
    awarenessProtocol.applyAwarenessUpdate(room.awareness, admitted, connection)
}

messageHandlers[messageQueryAwareness] = ({ room, connection }) => {
  connection.send(room.awarenessFrame([...room.awareness.getStates().keys()]))
}

/** Reads one frame and runs its handler; throws RejectedFrame for what it cannot accept. */
export function dispatch(context: MessageContext, frame: Uint8Array): void {
  const decoder = decoding.createDecoder(frame)
  let handler: Handler | undefined
  try {
    handler = messageHandlers[decoding.readVarUint(decoder)]
  } catch (error) {
    throw new RejectedFrame('malformed', String(error))
  }
  if (handler === undefined) throw new RejectedFrame('malformed', 'unknown message type')
  handler(context, decoder)
}
