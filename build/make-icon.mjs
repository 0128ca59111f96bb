// Writes build/icon.png (512x512 RGBA): a rounded teal square with a white speech-bubble loop.
// A plain PNG encoder (zlib + CRC32) so the icon can be regenerated without image tooling:
//   node build/make-icon.mjs
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const out = new URL('./icon.png', import.meta.url)

/** Coverage of pixel (x, y) by a shape given as a signed distance function, anti-aliased over one pixel. */
function cover(distance) {
  return Math.max(0, Math.min(1, 0.5 - distance))
}

function roundedSquare(x, y, inset, radius) {
  const half = SIZE / 2 - inset
  const dx = Math.abs(x - SIZE / 2) - (half - radius)
  const dy = Math.abs(y - SIZE / 2) - (half - radius)
  const outside = Math.hypot(Math.max(dx, 0), Math.max(dy, 0))
  return outside + Math.min(Math.max(dx, dy), 0) - radius
}

function pixel(x, y) {
  const px = x + 0.5
  const py = y + 0.5
  const bg = cover(roundedSquare(px, py, 24, 96))
  if (bg === 0) return [0, 0, 0, 0]
  // Vertical gradient from teal to deep blue.
  const t = py / SIZE
  let r = 20 + 10 * t
  let g = 160 - 70 * t
  let b = 160 + 40 * t
  // A ring (the "loop") with a small tail: a speech bubble.
  const ring = Math.abs(Math.hypot(px - 256, py - 236) - 120) - 26
  const tail = Math.max(Math.abs(px - 196) - 26 + (py - 350) * 0.35, Math.abs(py - 372) - 34)
  const white = Math.max(cover(ring), py > 330 ? cover(tail) : 0)
  // A dot in the middle: the learner's voice.
  const dot = cover(Math.hypot(px - 256, py - 236) - 36)
  const w = Math.max(white, dot)
  r = r * (1 - w) + 255 * w
  g = g * (1 - w) + 255 * w
  b = b * (1 - w) + 255 * w
  return [Math.round(r), Math.round(g), Math.round(b), Math.round(255 * bg)]
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes) {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

const header = Buffer.alloc(13)
header.writeUInt32BE(SIZE, 0)
header.writeUInt32BE(SIZE, 4)
header[8] = 8 // bit depth
header[9] = 6 // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1))
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1)
  raw[row] = 0 // no filter
  for (let x = 0; x < SIZE; x++) raw.set(pixel(x, y), row + 1 + x * 4)
}

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0))
])
writeFileSync(out, png)
console.log(`wrote ${out.pathname} (${png.length} bytes)`)
