import fs from 'node:fs'
import path from 'node:path'
import type { SecretName, SecretStore } from '../core/settings/secrets.ts'

/**
 * API keys encrypted with the OS store (Electron `safeStorage`: Keychain, DPAPI, libsecret/kwallet)
 * into `<dataDir>/secrets.json`, one base64 ciphertext per name. Uses safeStorage's asynchronous API
 * (the synchronous one is deprecated): the file is decrypted once at start-up and the keys are then
 * kept in memory, in the main process only; a change is encrypted and written in the background, in
 * order, and `flush()` waits for it (shutdown does). The cipher is injected so this is tested with a
 * fake; plaintext is never written to disk and never logged.
 */

/** The part of Electron's `safeStorage` this store needs (its asynchronous API, Electron 45). */
export interface AsyncStringCipher {
  isAsyncEncryptionAvailable(): Promise<boolean>
  encryptStringAsync(plainText: string): Promise<Buffer>
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
}

/** The SecretStore of the app: reads from memory, persists in the background. */
export interface SafeStorageSecretStore extends SecretStore {
  /** Resolves once every change so far is encrypted and on disk. */
  flush(): Promise<void>
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

/**
 * Opens the store: decrypts `<dataDir>/secrets.json` once into memory. `warn` gets messages without
 * key material. A key that cannot be decrypted (another keyring) counts as no key and stays on disk
 * until it is replaced; one safeStorage asks to re-encrypt (a rotated key) is rewritten.
 */
export async function loadSafeStorageSecretStore(options: {
  dataDir: string
  cipher: AsyncStringCipher
  warn?: (message: string) => void
}): Promise<SafeStorageSecretStore> {
  const { dataDir, cipher, warn = (message) => console.warn(message) } = options
  const file = path.join(dataDir, SECRETS_FILE)
  const available = await cipher.isAsyncEncryptionAvailable()
  const onDisk = readFile(file, warn)
  const keys = new Map<SecretName, string>()
  const stale: SecretName[] = []

  for (const name of NAMES) {
    const encoded = onDisk.secrets[name]
    if (!encoded) continue
    if (!available) {
      warn(`[secrets] encryption unavailable; the stored ${name} key cannot be read`)
      continue
    }
    try {
      const { result, shouldReEncrypt } = await cipher.decryptStringAsync(Buffer.from(encoded, 'base64'))
      keys.set(name, result)
      if (shouldReEncrypt) stale.push(name)
    } catch {
      // A changed OS keyring makes old ciphertext unreadable: treat as "no key" so the user re-enters it.
      warn(`[secrets] the stored ${name} key could not be decrypted`)
    }
  }

  // One write at a time, in the order of the changes: the file always ends as the last change left it.
  let writes: Promise<void> = Promise.resolve()
  const persist = (name: SecretName, value: string | null) => {
    writes = writes.then(async () => {
      try {
        if (value === null) delete onDisk.secrets[name]
        else onDisk.secrets[name] = (await cipher.encryptStringAsync(value)).toString('base64')
        writeFileAtomic(file, onDisk)
      } catch {
        warn(`[secrets] the ${name} key could not be saved to disk; it is kept until Speakloop quits`)
      }
    })
  }
  for (const name of stale) persist(name, keys.get(name)!)

  return {
    get: (name) => keys.get(name) ?? null,
    set(name, value) {
      if (value === null) {
        keys.delete(name)
      } else {
        if (!available) throw new SecretStorageUnavailableError()
        keys.set(name, value)
      }
      persist(name, value)
    },
    flush: () => writes
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
