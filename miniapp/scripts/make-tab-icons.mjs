// Draws the four tab bar icons (81x81 PNG, grey and blue) from simple shapes: no image tools needed.
// Run: node miniapp/scripts/make-tab-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const S = 81;
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
function png(inside, [r, g, b]) {
  const rows = [];
  for (let y = 0; y < S; y += 1) {
    const row = Buffer.alloc(1 + S * 4);
    for (let x = 0; x < S; x += 1) {
      // 3x3 supersampling for smooth edges
      let hits = 0;
      for (let i = 0; i < 3; i += 1) for (let j = 0; j < 3; j += 1) if (inside(x + (i + 0.5) / 3, y + (j + 0.5) / 3)) hits += 1;
      row.set([r, g, b, Math.round((hits / 9) * 255)], 1 + x * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(S, 0);
  ihdr.writeUInt32BE(S, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx, cy, r, w) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d <= r && d >= r - w;
};
const any = (...fs) => (x, y) => fs.some((f) => f(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);

const icons = {
  // briefcase
  jobs: any(minus(rect(12, 26, 69, 66), rect(12, 42, 69, 45)), minus(rect(30, 14, 51, 27), rect(35, 19, 46, 27))),
  // open book
  training: any(minus(rect(10, 18, 39, 64), rect(14, 22, 36, 60)), minus(rect(42, 18, 71, 64), rect(45, 22, 67, 60)), rect(18, 30, 32, 33), rect(18, 40, 32, 43), rect(49, 30, 63, 33), rect(49, 40, 63, 43)),
  // ring with "!"
  complaint: any(ring(40.5, 40.5, 30, 6), rect(37, 22, 44, 47), circle(40.5, 56, 4.5)),
  // person
  me: any(circle(40.5, 27, 13), minus(circle(40.5, 76, 30), rect(0, 68, 81, 81))),
};
for (const [name, shape] of Object.entries(icons)) {
  writeFileSync(new URL(`../src/assets/tab-${name}.png`, import.meta.url), png(shape, [74, 74, 74]));
  writeFileSync(new URL(`../src/assets/tab-${name}-on.png`, import.meta.url), png(shape, [11, 107, 203]));
}
