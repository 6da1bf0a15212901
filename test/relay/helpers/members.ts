import { MemberDirectory } from '../../../server/members.ts'
import { relayExtension } from '../../../server/relay-schema.ts'
import type { Role } from '../../../shared/protocol/index.ts'
import { UpdateStore } from '../../../shared/store/index.ts'

/** A workspace with one member per role, and a member of another workspace. */
export type Seeded = {
  workspace: string
  tokens: Record<Role, string>
  memberIds: Record<Role, string>
  stranger: string
}

/** Creates workspace `w` (and `other`) in `file`, as `samstemt-relay` would. */
export async function seedWorkspace(file: string, workspace = 'w'): Promise<Seeded> {
  const store = UpdateStore.open(file, { extensions: [relayExtension] })
  const members = new MemberDirectory(store.db)
  members.createWorkspace('Norske smarte byer', workspace)
  members.createWorkspace('Another alliance', `${workspace}-other`)
  const tokens = {} as Record<Role, string>
  const memberIds = {} as Record<Role, string>
  for (const role of ['coordinator', 'editor', 'reviewer'] as const) {
    const { member, token } = members.add({
      workspace,
      name: `A ${role}`,
      organisation: 'UiS',
      role,
    })
    tokens[role] = token
    memberIds[role] = member.id
  }
  const stranger = members.add({
    workspace: `${workspace}-other`,
    name: 'Outsider',
    organisation: 'Elsewhere',
    role: 'coordinator',
  }).token
  await store.close()
  return { workspace, tokens, memberIds, stranger }
}

/** Opens the relay's file read-only-in-spirit to inspect what is stored. */
export async function inspectStore<T>(file: string, read: (store: UpdateStore) => T): Promise<T> {
  const store = UpdateStore.open(file, { extensions: [relayExtension] })
  try {
    return read(store)
  } finally {
    await store.close()
  }
}
