import type {
  HostError,
  HostHandlers,
  Response,
  Result,
  SamstemtApi,
} from '../../../shared/ipc/contract.ts'

/**
 * An error the user is shown: the host's own codes, plus `host-failed` for a call that did not
 * come back at all (the host crashed, or the bridge is gone).
 */
export type UiError = {
  code: HostError['code'] | 'host-failed'
  message: string
  messageNb?: string
}

/** The host's own words about an error, in the UI's language where the host has them. */
export function hostMessage(error: UiError, language: 'nb' | 'en'): string {
  return language === 'nb' && error.messageNb !== undefined ? error.messageNb : error.message
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: UiError }

/** `api.invoke` whose failures, including a rejected call, all come back as values. */
export async function call<C extends keyof HostHandlers>(
  api: SamstemtApi,
  channel: C,
  ...request: Parameters<HostHandlers[C]>
): Promise<Outcome<Response<C>>> {
  try {
    const result: Result<Response<C>> = await api.invoke(channel, ...request)
    return result
  } catch (error) {
    return { ok: false, error: { code: 'host-failed', message: describeError(error) } }
  }
}

/** Thrown inside the sync layer so a failed store call can travel through a promise chain. */
export class HostFailure extends Error {
  readonly error: UiError

  constructor(error: UiError) {
    super(error.message)
    this.error = error
    this.name = 'HostFailure'
  }
}

export function toUiError(error: unknown): UiError {
  if (error instanceof HostFailure) return error.error
  return { code: 'host-failed', message: describeError(error) }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
