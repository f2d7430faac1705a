import { expect } from 'chai';
import { readZipDirectory, readZipEntry, writeStoredZip } from '../../../server/imports/zip.js';
import { expectAppError } from '../../helpers/expect-app-error.js';
import { makeZip } from '../../helpers/zip.js';

describe('zip container checks', () => {
  it('when a zip is well formed, then its entries are listed and inflated to their exact bytes', () => {
    const text = 'Nguyễn Thị Hằng, '.repeat(200);
    const zip = makeZip([{ name: 'a.xml', data: text }, { name: 'b.bin', data: Buffer.from([1, 2, 3]), method: 0 }]);
    const entries = readZipDirectory(zip);
    expect(entries.map((e) => e.name)).to.deep.equal(['a.xml', 'b.bin']);
    expect(readZipEntry(zip, entries[0]!).toString('utf8')).to.equal(text);
    expect([...readZipEntry(zip, entries[1]!)]).to.deep.equal([1, 2, 3]);
  });

  it('when a zip has more than 1,000 entries, then it is refused before anything is inflated', async () => {
    const zip = makeZip(Array.from({ length: 1001 }, (_v, i) => ({ name: `f${i}`, data: 'x', method: 0 })));
    await expectAppError(() => readZipDirectory(zip), 'too_large', 'imports.file.zipTooManyEntries');
  });

  it('when the declared uncompressed sizes add up to more than 50 MB, then it is refused from the directory alone', async () => {
    // Stored 200 KB declared as 30 MB: a plausible ratio each, too much together.
    const data = Buffer.alloc(200 * 1024, 1);
    const zip = makeZip([
      { name: 'a', data, method: 0, declaredSize: 30 * 1024 * 1024 },
      { name: 'b', data, method: 0, declaredSize: 30 * 1024 * 1024 },
    ]);
    await expectAppError(() => readZipDirectory(zip), 'too_large', 'imports.file.zipTooBig');
  });

  it('when an entry compresses more than 200 to 1 (10 MB of zeros in a few KB), then it is refused as a bomb', async () => {
    const zip = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(10 * 1024 * 1024) }]);
    expect(zip.length).to.be.below(50_000);
    await expectAppError(() => readZipDirectory(zip), 'too_large', 'imports.file.zipBomb');
  });

  it('when an entry inflates to more than its declared size, then reading it stops at the bound and fails', async () => {
    const zip = makeZip([{ name: 'a', data: Buffer.alloc(5 * 1024 * 1024, 65), declaredSize: 100 }]);
    const [entry] = readZipDirectory(zip);
    await expectAppError(() => readZipEntry(zip, entry!), 'invalid', 'imports.file.damaged');
  });

  it('when the CRC does not match the data, then the entry is damaged', async () => {
    const zip = makeZip([{ name: 'a', data: 'hello', crc: 12345 }]);
    await expectAppError(() => readZipEntry(zip, readZipDirectory(zip)[0]!), 'invalid', 'imports.file.damaged');
  });

  it('when an entry is encrypted or uses an unknown method, then it is refused as unsupported', async () => {
    const encrypted = makeZip([{ name: 'a', data: 'hello', flags: 0x0801 }]);
    await expectAppError(() => readZipEntry(encrypted, readZipDirectory(encrypted)[0]!), 'invalid', 'imports.file.zipUnsupported');
    const bzip = makeZip([{ name: 'a', data: 'hello', method: 12 }]);
    await expectAppError(() => readZipEntry(bzip, readZipDirectory(bzip)[0]!), 'invalid', 'imports.file.zipUnsupported');
  });

  it('when the zip is truncated anywhere, then it is damaged, never another error', async () => {
    const zip = makeZip([{ name: 'a.xml', data: 'x'.repeat(500) }, { name: 'b.xml', data: 'y'.repeat(500) }]);
    for (const length of [0, 10, 22, 40, zip.length - 30, zip.length - 1]) {
      const cut = zip.subarray(0, length);
      await expectAppError(() => {
        for (const entry of readZipDirectory(cut)) readZipEntry(cut, entry);
      }, 'invalid');
    }
  });

  it('when the directory claims ZIP64, then it is refused as unsupported', async () => {
    const zip = makeZip([{ name: 'a', data: 'x' }]);
    zip.writeUInt16LE(0xffff, zip.length - 22 + 10);
    await expectAppError(() => readZipDirectory(zip), 'invalid', 'imports.file.zipUnsupported');
  });

  it('when a stored zip is written, then it reads back entry by entry', () => {
    const zip = writeStoredZip([{ name: 'x/ä.xml', data: Buffer.from('<a/>') }, { name: 'y', data: Buffer.alloc(0) }]);
    const entries = readZipDirectory(zip);
    expect(entries.map((e) => [e.name, e.method])).to.deep.equal([['x/ä.xml', 0], ['y', 0]]);
    expect(readZipEntry(zip, entries[0]!).toString()).to.equal('<a/>');
  });
});
