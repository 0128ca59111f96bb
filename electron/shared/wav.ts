/** Bytes of the canonical PCM WAV header `pcmWavHeader` writes. */
export const WAV_HEADER_BYTES = 44

export interface PcmFormat {
  sampleRate: number
  channels: number
  bitsPerSample: number
}

/**
 * A canonical 44-byte PCM WAV header for `dataBytes` of samples. Shared by the renderer (long
 * imports encoded as WAV), the core (long WAVs cut into pieces) and the tests' audio fixtures.
 */
export function pcmWavHeader(format: PcmFormat, dataBytes: number): Uint8Array {
  const header = new Uint8Array(WAV_HEADER_BYTES)
  const view = new DataView(header.buffer)
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) header[at + i] = text.charCodeAt(i)
  }
  const blockAlign = format.channels * (format.bitsPerSample / 8)
  ascii(0, 'RIFF')
  view.setUint32(4, 36 + dataBytes, true)
  ascii(8, 'WAVE')
  ascii(12, 'fmt ')
  view.setUint32(16, 16, true)
  view.setUint16(20, 1, true)
  view.setUint16(22, format.channels, true)
  view.setUint32(24, format.sampleRate, true)
  view.setUint32(28, format.sampleRate * blockAlign, true)
  view.setUint16(32, blockAlign, true)
  view.setUint16(34, format.bitsPerSample, true)
  ascii(36, 'data')
  view.setUint32(40, dataBytes, true)
  return header
}
