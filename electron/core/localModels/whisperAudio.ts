/**
 * Turns a WAV file's bytes into what whisper.cpp transcribes: 16 kHz mono 16-bit samples. The
 * app records exactly that, which passes through untouched; any other PCM WAV (44.1 or 48 kHz,
 * stereo, 8/24/32-bit, float) is mixed down and resampled here. Pure.
 */

export const WHISPER_SAMPLE_RATE = 16_000

export interface WavFormat {
  /** 1 = integer PCM, 3 = IEEE float (extensible WAVs are reported as their sub-format). */
  encoding: 1 | 3
  sampleRate: number
  channels: number
  bitsPerSample: number
  /** Where the samples are in the file, and how many bytes of whole frames there are. */
  dataOffset: number
  dataBytes: number
}

/** Why a file cannot be transcribed on this computer; the caller words it for the learner. */
export class UnsupportedAudioError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnsupportedAudioError'
  }
}

/**
 * The format of a PCM WAV from its first bytes (the fmt chunk and the start of the data chunk
 * suffice), or null for anything else: other containers, compressed WAVs (µ-law, ADPCM), layouts
 * no recorder writes. `fileSize` bounds a data chunk whose size a streaming writer left unset.
 */
export function readWavFormat(bytes: Uint8Array, fileSize: number = bytes.length): WavFormat | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4))
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return null
  let format: Omit<WavFormat, 'dataOffset' | 'dataBytes'> | null = null
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = tag(offset)
    const size = view.getUint32(offset + 4, true)
    if (id === 'fmt ' && size >= 16 && offset + 24 <= bytes.length) {
      let encoding = view.getUint16(offset + 8, true)
      // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
      if (encoding === 0xfffe && size >= 40 && offset + 34 <= bytes.length) encoding = view.getUint16(offset + 32, true)
      const channels = view.getUint16(offset + 10, true)
      const sampleRate = view.getUint32(offset + 12, true)
      const bitsPerSample = view.getUint16(offset + 22, true)
      const valid =
        (encoding === 1 && [8, 16, 24, 32].includes(bitsPerSample)) || (encoding === 3 && bitsPerSample === 32)
      if (!valid || channels < 1 || sampleRate < 1000) return null
      format = { encoding: encoding as 1 | 3, sampleRate, channels, bitsPerSample }
    }
    if (id === 'data') {
      if (!format) return null
      const frameBytes = format.channels * (format.bitsPerSample / 8)
      const dataOffset = offset + 8
      const available = Math.max(0, fileSize - dataOffset)
      // 0 and 0xFFFFFFFF are what recorders write when they never came back to fill the size in.
      const dataBytes = size === 0 || size > available ? available : size
      return { ...format, dataOffset, dataBytes: dataBytes - (dataBytes % frameBytes) }
    }
    offset += 8 + size + (size % 2)
  }
  return null
}

/** Whether the samples can go to whisper.cpp as they are. */
export function isWhisperNative(format: WavFormat): boolean {
  return format.encoding === 1 && format.sampleRate === WHISPER_SAMPLE_RATE && format.channels === 1 && format.bitsPerSample === 16
}

/** A whole WAV file as 16 kHz mono 16-bit samples; throws `UnsupportedAudioError` if it is not a PCM WAV. */
export function wavToWhisperPcm(bytes: Uint8Array): Int16Array {
  const format = readWavFormat(bytes)
  if (!format) throw new UnsupportedAudioError('Not a PCM WAV file.')
  const data = bytes.subarray(format.dataOffset, format.dataOffset + format.dataBytes)
  if (isWhisperNative(format)) {
    // A copy: the data may start at an odd offset, and the addon needs its own exact buffer.
    const samples = new Int16Array(data.length / 2)
    new Uint8Array(samples.buffer).set(data)
    return samples
  }
  const frames = data.length / (format.channels * (format.bitsPerSample / 8))
  return resampleToInt16((from, to) => mixDown(data, format, from, to), frames, format.sampleRate, WHISPER_SAMPLE_RATE)
}

/** Frames `from`..`to` of interleaved PCM as mono floats in [-1, 1], channels averaged. */
export function mixDown(data: Uint8Array, format: Pick<WavFormat, 'encoding' | 'channels' | 'bitsPerSample'>, from: number, to: number): Float32Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const width = format.bitsPerSample / 8
  const read = sampleReader(view, format.encoding, format.bitsPerSample)
  const out = new Float32Array(to - from)
  for (let frame = from; frame < to; frame++) {
    let sum = 0
    for (let c = 0; c < format.channels; c++) sum += read((frame * format.channels + c) * width)
    out[frame - from] = sum / format.channels
  }
  return out
}

function sampleReader(view: DataView, encoding: 1 | 3, bits: number): (at: number) => number {
  if (encoding === 3) return (at) => view.getFloat32(at, true)
  switch (bits) {
    case 8:
      return (at) => (view.getUint8(at) - 128) / 128
    case 16:
      return (at) => view.getInt16(at, true) / 32768
    case 24:
      return (at) => ((view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608)
    default:
      return (at) => view.getInt32(at, true) / 2147483648
  }
}

/** Zero crossings of the sinc on each side: about 60 dB of alias rejection at a quarter of the cost of 32. */
const ZERO_CROSSINGS = 8
/** Table resolution per zero crossing; the kernel between entries is interpolated linearly. */
const TABLE_STEPS = 512
const KERNEL = windowedSinc()
/** Output produced per pass, so a long 48 kHz file is never held as floats all at once. */
const BLOCK_SECONDS = 10

/**
 * Band-limited resampling with a Blackman-windowed sinc, low-passed at the lower of the two
 * Nyquist rates so downsampling does not fold high frequencies into the speech band. `read`
 * supplies mono input frames on demand; the output is clipped to 16 bits.
 */
export function resampleToInt16(read: (from: number, to: number) => Float32Array, inputFrames: number, fromRate: number, toRate: number): Int16Array {
  const step = fromRate / toRate // input frames per output sample
  const cutoff = Math.min(1, toRate / fromRate)
  const halfWidth = ZERO_CROSSINGS / cutoff // input frames on each side of an output sample
  const reach = Math.ceil(halfWidth)
  const scale = cutoff * TABLE_STEPS
  const out = new Int16Array(Math.floor((inputFrames * toRate) / fromRate))
  const block = BLOCK_SECONDS * toRate
  for (let start = 0; start < out.length; start += block) {
    const end = Math.min(out.length, start + block)
    const first = Math.max(0, Math.floor(start * step) - reach)
    const last = Math.min(inputFrames, Math.ceil(end * step) + reach + 1)
    const input = read(first, last)
    for (let i = start; i < end; i++) {
      const center = i * step
      const lo = Math.max(first, Math.ceil(center - halfWidth))
      const hi = Math.min(last - 1, Math.floor(center + halfWidth))
      let sum = 0
      for (let k = lo; k <= hi; k++) {
        // The kernel is even: look up |x|, interpolating between table entries.
        const position = Math.abs(center - k) * scale
        const index = position | 0
        const a = KERNEL[index]!
        sum += input[k - first]! * (a + (KERNEL[index + 1]! - a) * (position - index))
      }
      const value = Math.round(sum * cutoff * 32768)
      out[i] = value > 32767 ? 32767 : value < -32768 ? -32768 : value
    }
  }
  return out
}

// Two zero entries past the end, so a lookup at the very edge of the reach interpolates to zero.
function windowedSinc(): Float32Array {
  const size = ZERO_CROSSINGS * TABLE_STEPS + 1
  const table = new Float32Array(size + 2)
  for (let i = 0; i < size; i++) {
    const x = i / TABLE_STEPS
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x)
    const w = 0.42 + 0.5 * Math.cos((Math.PI * x) / ZERO_CROSSINGS) + 0.08 * Math.cos((2 * Math.PI * x) / ZERO_CROSSINGS)
    table[i] = sinc * w
  }
  return table
}
