import fs from 'node:fs'
import path from 'node:path'
import type { SecretName, SecretStore } from '../core/settings/secrets.ts'

/**
 * API keys encrypted with the OS store (Electron `safeStorage`: Keychain, DPAPI, libsecret/kwallet)
 * into `<dataDir>/secrets.json`, one base64 ciphertext per name. The cipher is injected so this is
 * tested with a fake; plaintext is never written to disk and never logged.
 */

/** The part of Electron's `safeStorage` this store needs. */
export interface StringCipher {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
}

export const SECRETS_FILE = 'secrets.json'
const NAMES: readonly SecretName[] = ['openai', 'anthropic']

interface SecretsFile {
  version: 1
  secrets: Partial<Record<SecretName, string>>
}

/** Thrown by `set` when the OS offers no encryption: keys are then not stored rather than stored in clear. */
export class SecretStorageUnavailableError extends Error {
  constructor() {
    super('Secure key storage is not available on this system, so the key was not saved.')
    this.name = 'SecretStorageUnavailableError'
  }
}

/** A SecretStore that keeps ciphertext in `<dataDir>/secrets.json`; `warn` gets messages without key material. */
export function createSafeStorageSecretStore(options: {
  dataDir: string
  cipher: StringCipher
  warn?: (message: string) => void
}): SecretStore {
  const { dataDir, cipher, warn = (message) => console.warn(message) } = options
  const file = path.join(dataDir, SECRETS_FILE)

  return {
    get(name) {
      const encoded = readFile(file, warn).secrets[name]
      if (!encoded) return null
      if (!cipher.isEncryptionAvailable()) {
        warn(`[secrets] encryption unavailable; the stored ${name} key cannot be read`)
        return null
      }
      try {
        return cipher.decryptString(Buffer.from(encoded, 'base64'))
      } catch {
        // A changed OS keyring makes old ciphertext unreadable: treat as "no key" so the user re-enters it.
        warn(`[secrets] the stored ${name} key could not be decrypted`)
        return null
      }
    },
    set(name, value) {
      const current = readFile(file, warn)
      if (value === null) {
        delete current.secrets[name]
      } else {
        if (!cipher.isEncryptionAvailable()) throw new SecretStorageUnavailableError()
        current.secrets[name] = cipher.encryptString(value).toString('base64')
      }
      writeFileAtomic(file, current)
    }
  }
}

/**
 * A warning for Linux when Chromium fell back to its built-in password ('basic_text'): keys are then
 * only obfuscated, not protected by a keyring. Null everywhere else.
 */
export function storageBackendWarning(platform: NodeJS.Platform, backend: string | undefined): string | null {
  if (platform !== 'linux' || backend !== 'basic_text') return null
  return (
    '[secrets] no OS keyring found (safeStorage backend basic_text): API keys are only obfuscated on disk. ' +
    'Install and unlock gnome-keyring or KWallet for real encryption.'
  )
}

function readFile(file: string, warn: (message: string) => void): SecretsFile {
  let raw: string
  try {
    raw = fs.readFileSync(file, 'utf8')
  } catch {
    return { version: 1, secrets: {} }
  }
  try {
    const parsed = JSON.parse(raw) as { secrets?: Record<string, unknown> }
    const secrets: SecretsFile['secrets'] = {}
    for (const name of NAMES) {
      const value = parsed.secrets?.[name]
      if (typeof value === 'string' && value.length > 0) secrets[name] = value
    }
    return { version: 1, secrets }
  } catch {
    warn('[secrets] secrets.json is unreadable; starting with no stored keys')
    return { version: 1, secrets: {} }
  }
}

function writeFileAtomic(file: string, contents: SecretsFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  // 0600: the ciphertext is only as safe as the keyring, but other local users need not read it.
  fs.writeFileSync(temp, `${JSON.stringify(contents, null, 2)}\n`, { mode: 0o600 })
  fs.renameSync(temp, file)
}
