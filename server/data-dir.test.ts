import { describe, expect, it } from 'vitest'
import { defaultDataFile } from './data-dir.ts'

describe('the default relay database', () => {
  it('is in XDG_DATA_HOME on Linux, else in ~/.local/share', () => {
    expect(defaultDataFile({ XDG_DATA_HOME: '/srv/data' }, 'linux', '/home/kari')).toBe(
      '/srv/data/samstemt-relay/relay.sqlite',
    )
    expect(defaultDataFile({}, 'linux', '/home/kari')).toBe(
      '/home/kari/.local/share/samstemt-relay/relay.sqlite',
    )
  })

  it('ignores a relative XDG_DATA_HOME, as the XDG spec says', () => {
    expect(defaultDataFile({ XDG_DATA_HOME: 'data' }, 'linux', '/home/kari')).toBe(
      '/home/kari/.local/share/samstemt-relay/relay.sqlite',
    )
  })

  it('is in Application Support on macOS and in LOCALAPPDATA on Windows', () => {
    expect(defaultDataFile({}, 'darwin', '/Users/kari')).toBe(
      '/Users/kari/Library/Application Support/samstemt-relay/relay.sqlite',
    )
    expect(
      defaultDataFile(
        { LOCALAPPDATA: 'C:\\Users\\kari\\AppData\\Local' },
        'win32',
        'C:\\Users\\kari',
      ),
    ).toBe('C:\\Users\\kari\\AppData\\Local\\samstemt-relay\\relay.sqlite')
  })
})
