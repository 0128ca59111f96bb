import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  SECRETS_FILE,
  SecretStorageUnavailableError,
  createSafeStorageSecretStore,
  storageBackendWarning,
  type StringCipher
} from '../../../electron/main/secretStore.ts'

/** A reversible stand-in for safeStorage: XOR with a key, so ciphertext never equals plaintext. */
function fakeCipher(options: { available?: boolean; key?: number } = {}): StringCipher & { available: boolean } {
  const key = options.key ?? 0x5a
  const cipher = {
    available: options.available ?? true,
    isEncryptionAvailable: () => cipher.available,
    encryptString: (plain: string) => Buffer.from([...Buffer.from(`v10${plain}`, 'utf8')].map((b) => b ^ key)),
    decryptString: (encrypted: Buffer) => {
      const plain = Buffer.from([...encrypted].map((b) => b ^ key)).toString('utf8')
      if (!plain.startsWith('v10')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return plain.slice(3)
    }
  }
  return cipher
}

const KEY = 'sk-test-abcdefghijklmnop1234'
let dataDir: string

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'speakloop-secrets-'))
})
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('createSafeStorageSecretStore', () => {
  it('round-trips a key through a fresh store (it survives a restart)', () => {
    createSafeStorageSecretStore({ dataDir, cipher: fakeCipher() }).set('openai', KEY)
    const reopened = createSafeStorageSecretStore({ dataDir, cipher: fakeCipher() })
    expect(reopened.get('openai')).toBe(KEY)
    expect(reopened.get('anthropic')).toBeNull()
  })

  it('writes only base64 ciphertext, never the key', () => {
    createSafeStorageSecretStore({ dataDir, cipher: fakeCipher() }).set('anthropic', KEY)
    const raw = fs.readFileSync(path.join(dataDir, SECRETS_FILE), 'utf8')
    expect(raw).not.toContain(KEY)
    const parsed = JSON.parse(raw) as { secrets: Record<string, string> }
    expect(Object.keys(parsed.secrets)).toEqual(['anthropic'])
    expect(parsed.secrets.anthropic).toMatch(/^[A-Za-z0-9+/]+=*$/)
  })

  it('keeps the other provider when one key is replaced or removed', () => {
    const store = createSafeStorageSecretStore({ dataDir, cipher: fakeCipher() })
    store.set('openai', KEY)
    store.set('anthropic', 'sk-ant-second-key-000')
    store.set('openai', null)
    expect(store.get('openai')).toBeNull()
    expect(store.get('anthropic')).toBe('sk-ant-second-key-000')
  })

  it('refuses to store a key when the OS offers no encryption, rather than writing it in clear', () => {
    const store = createSafeStorageSecretStore({ dataDir, cipher: fakeCipher({ available: false }) })
    expect(() => store.set('openai', KEY)).toThrow(SecretStorageUnavailableError)
    expect(fs.existsSync(path.join(dataDir, SECRETS_FILE))).toBe(false)
  })

  it('still lets a key be removed when encryption is unavailable', () => {
    createSafeStorageSecretStore({ dataDir, cipher: fakeCipher() }).set('openai', KEY)
    const store = createSafeStorageSecretStore({ dataDir, cipher: fakeCipher({ available: false }), warn: () => {} })
    store.set('openai', null)
    expect(createSafeStorageSecretStore({ dataDir, cipher: fakeCipher() }).get('openai')).toBeNull()
  })

  it('treats ciphertext from another keyring as no key, and warns without key material', () => {
    createSafeStorageSecretStore({ dataDir, cipher: fakeCipher({ key: 1 }) }).set('openai', KEY)
    const warn = vi.fn()
    const store = createSafeStorageSecretStore({ dataDir, cipher: fakeCipher({ key: 2 }), warn })
    expect(store.get('openai')).toBeNull()
    expect(warn).toHaveBeenCalledTimes(1)
    expect(JSON.stringify(warn.mock.calls)).not.toContain(KEY)
  })

  it('survives a corrupt secrets file', () => {
    fs.writeFileSync(path.join(dataDir, SECRETS_FILE), '{not json')
    const warn = vi.fn()
    const store = createSafeStorageSecretStore({ dataDir, cipher: fakeCipher(), warn })
    expect(store.get('openai')).toBeNull()
    store.set('openai', KEY)
    expect(store.get('openai')).toBe(KEY)
  })

  it('ignores unknown names and non-string values in the file', () => {
    fs.writeFileSync(
      path.join(dataDir, SECRETS_FILE),
      JSON.stringify({ version: 1, secrets: { openai: 42, other: 'x', anthropic: '' } })
    )
    const store = createSafeStorageSecretStore({ dataDir, cipher: fakeCipher() })
    expect(store.get('openai')).toBeNull()
    expect(store.get('anthropic')).toBeNull()
  })

  it.skipIf(process.platform === 'win32')('keeps the file private to the user', () => {
    createSafeStorageSecretStore({ dataDir, cipher: fakeCipher() }).set('openai', KEY)
    expect(fs.statSync(path.join(dataDir, SECRETS_FILE)).mode & 0o077).toBe(0)
  })

  it('creates a missing data directory', () => {
    const nested = path.join(dataDir, 'a', 'b')
    createSafeStorageSecretStore({ dataDir: nested, cipher: fakeCipher() }).set('openai', KEY)
    expect(fs.existsSync(path.join(nested, SECRETS_FILE))).toBe(true)
  })
})

describe('storageBackendWarning', () => {
  it('warns on Linux when Chromium fell back to its built-in password', () => {
    expect(storageBackendWarning('linux', 'basic_text')).toMatch(/keyring/)
  })

  it('is silent for real keyrings and other platforms', () => {
    expect(storageBackendWarning('linux', 'gnome_libsecret')).toBeNull()
    expect(storageBackendWarning('linux', 'kwallet6')).toBeNull()
    expect(storageBackendWarning('darwin', 'basic_text')).toBeNull()
    expect(storageBackendWarning('win32', undefined)).toBeNull()
  })
})
