/**
 * Turns a live stream of float samples (whatever block size the audio graph hands over) into
 * 16-bit PCM chunks of one fixed size, ready to send to main. DOM-free, so it is unit-tested.
 */

import { encodePcm16 } from '../record/pcmWav.ts'

/** Collects samples and emits them as little-endian 16-bit PCM chunks of exactly `chunkFrames` frames. */
export class Pcm16Chunker {
  private chunk: Uint8Array<ArrayBuffer>
  private filled = 0
  private total = 0

  constructor(
    private readonly chunkFrames: number,
    private readonly onChunk: (chunk: Uint8Array<ArrayBuffer>) => void
  ) {
    if (!Number.isInteger(chunkFrames) || chunkFrames < 1) throw new RangeError(`A chunk must hold at least one frame (got ${chunkFrames}).`)
    this.chunk = new Uint8Array(chunkFrames * 2)
  }

  /** Frames taken so far, emitted or not. */
  get frames(): number {
    return this.total
  }

  /** Encodes `samples` (-1..1, clipped beyond) and emits every chunk they complete. */
  push(samples: Float32Array): void {
    let at = 0
    while (at < samples.length) {
      const take = Math.min(samples.length - at, this.chunkFrames - this.filled)
      encodePcm16(samples.subarray(at, at + take), this.chunk.subarray(this.filled * 2))
      at += take
      this.filled += take
      this.total += take
      if (this.filled === this.chunkFrames) this.emit()
    }
  }

  /** Emits the frames of a chunk not yet full (none when it is empty), as a shorter last chunk. */
  flush(): void {
    if (this.filled > 0) this.emit()
  }

  private emit(): void {
    const full = this.filled === this.chunkFrames
    const out = full ? this.chunk : this.chunk.slice(0, this.filled * 2)
    this.chunk = new Uint8Array(this.chunkFrames * 2)
    this.filled = 0
    this.onChunk(out)
  }
}
