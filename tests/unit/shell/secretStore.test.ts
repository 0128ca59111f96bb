import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  SECRETS_FILE,
  SecretStorageUnavailableError,
  loadSafeStorageSecretStore,
  storageBackendWarning,
  type AsyncStringCipher
} from '../../../electron/main/secretStore.ts'

/**
 * A reversible stand-in for safeStorage's asynchronous API: XOR with a key, so ciphertext never
 * equals plaintext. With `oldKey`, ciphertext of that key still decrypts but asks to be
 * re-encrypted, as after an OS key rotation. It counts decryptions, to show keys are read from
 * memory after start-up.
 */
function fakeCipher(options: { available?: boolean; key?: number; oldKey?: number } = {}) {
  const key = options.key ?? 0x5a
  const xor = (bytes: Buffer, k: number) => Buffer.from([...bytes].map((b) => b ^ k))
  const cipher = {
    decryptions: 0,
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    encryptStringAsync: async (plain: string) => xor(Buffer.from(`v10${plain}`, 'utf8'), key),
    decryptStringAsync: async (encrypted: Buffer) => {
      cipher.decryptions++
      for (const [k, shouldReEncrypt] of [[key, false], [options.oldKey, true]] as const) {
        if (k === undefined) continue
        const plain = xor(encrypted, k).toString('utf8')
        if (plain.startsWith('v10')) return { result: plain.slice(3), shouldReEncrypt }
      }
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    }
  } satisfies AsyncStringCipher & { decryptions: number }
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

const open = (cipher: AsyncStringCipher = fakeCipher(), warn: (message: string) => void = () => {}, dir = dataDir) =>
  loadSafeStorageSecretStore({ dataDir: dir, cipher, warn })

/** Stores a key as an earlier run of the app did. */
async function stored(name: 'openai' | 'anthropic', value: string, cipher: AsyncStringCipher = fakeCipher()): Promise<void> {
  const store = await open(cipher)
  store.set(name, value)
  await store.flush()
}

describe('loadSafeStorageSecretStore', () => {
  it('round-trips a key through a fresh store (it survives a restart)', async () => {
    await stored('openai', KEY)
    const reopened = await open()
    expect(reopened.get('openai')).toBe(KEY)
    expect(reopened.get('anthropic')).toBeNull()
  })

  it('decrypts once at start-up and then serves keys from memory', async () => {
    await stored('openai', KEY)
    const cipher = fakeCipher()
    const store = await open(cipher)
    for (let i = 0; i < 5; i++) expect(store.get('openai')).toBe(KEY)
    expect(cipher.decryptions).toBe(1)
  })

  it('has a new key at once, and on disk once flushed', async () => {
    const store = await open()
    store.set('openai', KEY)
    expect(store.get('openai')).toBe(KEY)
    await store.flush()
    expect((await open()).get('openai')).toBe(KEY)
  })

  it('writes only base64 ciphertext, never the key', async () => {
    await stored('anthropic', KEY)
    const raw = fs.readFileSync(path.join(dataDir, SECRETS_FILE), 'utf8')
    expect(raw).not.toContain(KEY)
    const parsed = JSON.parse(raw) as { secrets: Record<string, string> }
    expect(Object.keys(parsed.secrets)).toEqual(['anthropic'])
    expect(parsed.secrets.anthropic).toMatch(/^[A-Za-z0-9+/]+=*$/)
  })

  it('keeps the other provider when one key is replaced or removed, and the file ends as the last change left it', async () => {
    const store = await open()
    store.set('openai', KEY)
    store.set('anthropic', 'sk-ant-second-key-000')
    store.set('openai', 'sk-replaced-0000')
    store.set('openai', null)
    expect(store.get('openai')).toBeNull()
    expect(store.get('anthropic')).toBe('sk-ant-second-key-000')
    await store.flush()
    const reopened = await open()
    expect(reopened.get('openai')).toBeNull()
    expect(reopened.get('anthropic')).toBe('sk-ant-second-key-000')
  })

  it('refuses to store a key when the OS offers no encryption, rather than writing it in clear', async () => {
    const store = await open(fakeCipher({ available: false }))
    expect(() => store.set('openai', KEY)).toThrow(SecretStorageUnavailableError)
    expect(store.get('openai')).toBeNull()
    await store.flush()
    expect(fs.existsSync(path.join(dataDir, SECRETS_FILE))).toBe(false)
  })

  it('still lets a key be removed when encryption is unavailable', async () => {
    await stored('openai', KEY)
    const store = await open(fakeCipher({ available: false }))
    store.set('openai', null)
    await store.flush()
    expect((await open()).get('openai')).toBeNull()
  })

  it('treats ciphertext from another keyring as no key, and warns without key material', async () => {
    await stored('openai', KEY, fakeCipher({ key: 1 }))
    const warn = vi.fn()
    const store = await open(fakeCipher({ key: 2 }), warn)
    expect(store.get('openai')).toBeNull()
    expect(warn).toHaveBeenCalledTimes(1)
    expect(JSON.stringify(warn.mock.calls)).not.toContain(KEY)
  })

  it('re-encrypts a key safeStorage asks to (after an OS key rotation)', async () => {
    await stored('openai', KEY, fakeCipher({ key: 1 }))
    const store = await open(fakeCipher({ key: 2, oldKey: 1 }))
    expect(store.get('openai')).toBe(KEY)
    await store.flush()
    // Now readable with the new key alone.
    expect((await open(fakeCipher({ key: 2 }))).get('openai')).toBe(KEY)
  })

  it('survives a corrupt secrets file', async () => {
    fs.writeFileSync(path.join(dataDir, SECRETS_FILE), '{not json')
    const warn = vi.fn()
    const store = await open(fakeCipher(), warn)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(store.get('openai')).toBeNull()
    store.set('openai', KEY)
    expect(store.get('openai')).toBe(KEY)
  })

  it('ignores unknown names and non-string values in the file', async () => {
    fs.writeFileSync(
      path.join(dataDir, SECRETS_FILE),
      JSON.stringify({ version: 1, secrets: { openai: 42, other: 'x', anthropic: '' } })
    )
    const store = await open()
    expect(store.get('openai')).toBeNull()
    expect(store.get('anthropic')).toBeNull()
  })

  it.skipIf(process.platform === 'win32')('keeps the file private to the user', async () => {
    await stored('openai', KEY)
    expect(fs.statSync(path.join(dataDir, SECRETS_FILE)).mode & 0o077).toBe(0)
  })

  it('creates a missing data directory', async () => {
    const nested = path.join(dataDir, 'a', 'b')
    const store = await open(fakeCipher(), () => {}, nested)
    store.set('openai', KEY)
    await store.flush()
    expect(fs.existsSync(path.join(nested, SECRETS_FILE))).toBe(true)
  })

  it('keeps a key it could not write in memory, and says so without key material', async () => {
    const warn = vi.fn()
    const cipher = { ...fakeCipher(), encryptStringAsync: async () => Promise.reject(new Error('keychain locked')) }
    const store = await open(cipher, warn)
    store.set('openai', KEY)
    await store.flush()
    expect(store.get('openai')).toBe(KEY)
    expect(warn).toHaveBeenCalledWith('[secrets] the openai key could not be saved to disk; it is kept until Speakloop quits')
    expect(fs.existsSync(path.join(dataDir, SECRETS_FILE))).toBe(false)
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
