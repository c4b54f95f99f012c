import { sniffEvidenceType } from './evidence-type';

const bytes = (...b: number[]) => Buffer.from(b);

describe('sniffEvidenceType', () => {
  it('when the bytes are a JPEG, PNG, WebP, HEIC or PDF header, then the type is named', () => {
    expect(sniffEvidenceType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
    expect(sniffEvidenceType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(sniffEvidenceType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffEvidenceType(Buffer.from('\x00\x00\x00\x18ftypheic\x00\x00\x00\x00', 'latin1'))).toBe('image/heic');
    expect(sniffEvidenceType(Buffer.from('%PDF-1.7\n', 'latin1'))).toBe('application/pdf');
  });

  it('when the bytes are an executable, a zip or text, then nothing is accepted', () => {
    expect(sniffEvidenceType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'))).toBeNull();
    expect(sniffEvidenceType(bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1))).toBeNull();
    expect(sniffEvidenceType(bytes(0x50, 0x4b, 0x03, 0x04))).toBeNull();
    expect(sniffEvidenceType(Buffer.from('hello'))).toBeNull();
    expect(sniffEvidenceType(Buffer.alloc(0))).toBeNull();
  });
});
