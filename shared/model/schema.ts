import { getSchema, type AnyExtension } from '@tiptap/core'
import { TableKit } from '@tiptap/extension-table'
import type { Schema } from '@tiptap/pm/model'
import { StarterKit } from '@tiptap/starter-kit'
import { TemplateStructure } from './template-structure.ts'
import { SuggestDelete, SuggestFormat, SuggestInsert, TrackedBlocks } from './tracked.ts'

/**
 * The Tiptap extensions that define the body's content. The editor adds its own on top
 * (Collaboration, carets); it must not add any that change the schema, or papers written with
 * this list and papers written in the editor would differ.
 */
export function bodyExtensions(): AnyExtension[] {
  // Undo is Yjs' (through Collaboration), so each user undoes only their own changes.
  return [
    StarterKit.configure({ undoRedo: false }),
    TableKit,
    TemplateStructure,
    SuggestInsert,
    SuggestDelete,
    SuggestFormat,
    TrackedBlocks,
  ]
}

let schema: Schema | null = null

/** The ProseMirror schema of the body, built once from bodyExtensions(). */
export function bodySchema(): Schema {
  schema ??= getSchema(bodyExtensions())
  return schema
}
