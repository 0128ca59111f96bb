import { create } from 'zustand'
import type { MachineView, ModelId, ModelView } from '../../../electron/shared/contract.ts'
import { call, errorMessage, subscribe } from '../api/client.ts'
import { announce } from '../shell/announcer.ts'
import { newer, replacementFor, shouldUseInstalled, type ModelAction } from './modelRows.ts'
import { useSettings } from './store.ts'

interface ModelsState {
  /** The catalog in order, kept current by `models:progress`; null until loaded. */
  models: ModelView[] | null
  machine: MachineView | null
  loading: boolean
  /** A request that failed as a whole (the models' own problems are in their `error`). */
  error: string | null
  /** The latest "Verify" answer per model. */
  checks: Partial<Record<ModelId, { ok: boolean; message: string }>>
  /** Models with a request in flight: their buttons wait for it. */
  busy: Partial<Record<ModelId, true>>
  load: () => Promise<void>
  /** Runs a row's button; never throws (a failure lands in `error`). */
  run: (action: ModelAction, id: ModelId) => Promise<void>
}

export const useModels = create<ModelsState>((set, get) => ({
  models: null,
  machine: null,
  loading: false,
  error: null,
  checks: {},
  busy: {},

  load: async () => {
    startModelSync()
    set({ loading: true, error: null })
    try {
      const { models, machine } = await call('models:list', {})
      set((s) => ({ models: models.map((m) => newer(s.models?.find((c) => c.id === m.id), m)), machine, loading: false }))
    } catch (error) {
      set({ loading: false, error: errorMessage(error) })
    }
  },

  run: async (action, id) => {
    if (get().busy[id]) return
    set((s) => ({ busy: { ...s.busy, [id]: true }, error: null, checks: { ...s.checks, [id]: undefined } }))
    try {
      if (action === 'verify') {
        const check = await call('models:verify', { id })
        upsert(check.model)
        set((s) => ({ checks: { ...s.checks, [id]: { ok: check.ok, message: check.message } } }))
        announce(check.message)
      } else {
        upsert(await call(CHANNEL[action], { id }))
        if (action === 'delete') await replaceIfInUse(id)
      }
    } catch (error) {
      set({ error: errorMessage(error) })
    } finally {
      set((s) => {
        const busy = { ...s.busy }
        delete busy[id]
        return { busy }
      })
    }
  }
}))

const CHANNEL = {
  download: 'models:download',
  resume: 'models:download',
  pause: 'models:pause',
  cancel: 'models:cancel',
  delete: 'models:delete'
} as const

let started = false

/** Subscribes to the core's model events once. */
function startModelSync(): void {
  if (started) return
  started = true
  subscribe('models:progress', (view) => {
    const previous = useModels.getState().models?.find((m) => m.id === view.id)
    upsert(view)
    const current = useModels.getState().models?.find((m) => m.id === view.id)
    if (current === view && previous && previous.status !== view.status) {
      announceChange(view)
      if (view.status === 'installed') void adoptIfNeeded(view)
    } else if (current === view && view.error && view.error !== previous?.error) announce(`${view.id}: ${view.error}`)
  })
}

/** A learner who downloads a model expects it to be used; switch to it if the current choice cannot run. */
async function adoptIfNeeded(view: ModelView): Promise<void> {
  const settings = useSettings.getState().settings
  if (!settings || settings.localModel === view.id) return
  const current = useModels.getState().models?.find((m) => m.id === settings.localModel)
  if (shouldUseInstalled(view, current, settings.language)) await chooseModel(view.id)
}

/** Deleting the model in use leaves on-device transcription without one: use another installed model, if any. */
async function replaceIfInUse(deleted: ModelId): Promise<void> {
  const settings = useSettings.getState().settings
  if (settings?.localModel !== deleted) return
  const next = replacementFor(useModels.getState().models ?? [], deleted, settings.language)
  if (next) await chooseModel(next)
}

async function chooseModel(id: ModelId): Promise<void> {
  try {
    await useSettings.getState().update({ localModel: id })
    announce(`On-device transcription now uses the ${id} model.`)
  } catch (error) {
    useModels.setState({ error: errorMessage(error) })
  }
}

function upsert(view: ModelView): void {
  useModels.setState((s) => ({ models: s.models?.map((m) => (m.id === view.id ? newer(m, view) : m)) ?? null }))
}

/** Reads status changes out, so a learner who moved on hears the download end. */
function announceChange(view: ModelView): void {
  if (view.error) announce(`${view.id}: ${view.error}`)
  else if (view.status === 'installed') announce(`The ${view.id} model is installed.`)
  else if (view.status === 'paused') announce(`The ${view.id} download is paused.`)
  else if (view.status === 'downloading') announce(`Downloading the ${view.id} model.`)
  else if (view.status === 'missing') announce(`The ${view.id} model is not on this computer.`)
}
