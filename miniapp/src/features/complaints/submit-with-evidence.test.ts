import type { Complaint, ComplaintCreateInput } from '@zhuanyi/shared';
import { createDraftStore, type DraftFile } from '@/services/draft-store';
import { ApiError, NetworkError } from '@/services/errors';
import { submitWithEvidence, type SubmitDeps } from './submit-with-evidence';

interface Form {
  name: string;
}
const isForm = (v: unknown): v is Form => typeof v === 'object' && v !== null && typeof (v as Form).name === 'string';
const input = { caseType: 'construction', respondent: { kind: 'foreman', name: '王包工' } } as ComplaintCreateInput;
const photo = (n: number) => ({ path: `blob:photo${n}`, name: `photo${n}.jpg`, size: 2000, type: 'image/jpeg' });

/**
 * A server that files once per Idempotency-Key and stores a file once per key, like the BFF,
 * and a network that can drop before a chosen call answers.
 */
function fakeServer() {
  const complaints = new Map<string, Complaint>();
  const uploads = new Map<string, string>();
  const calls: string[] = [];
  let dropAt: number | null = null;
  let callNo = 0;
  const net = () => {
    callNo += 1;
    if (dropAt === callNo) throw new NetworkError('offline', 'request:fail');
  };
  const view = (id: string) => ({ id, evidence: [...uploads.values()].map((path) => ({ id: path })) }) as unknown as Complaint;
  const deps: SubmitDeps = {
    file: async (_body, key) => {
      calls.push(`file ${key}`);
      if (!complaints.has(key)) complaints.set(key, view(`c${complaints.size + 1}`));
      net();
      return complaints.get(key) as Complaint;
    },
    get: async (id) => {
      calls.push(`get ${id}`);
      net();
      return view(id);
    },
    upload: async (id, file: DraftFile, key) => {
      calls.push(`upload ${file.name} ${key}`);
      if (file.name === 'virus.jpg') throw new ApiError('UNSUPPORTED_MEDIA_TYPE', '只能上传照片或 PDF 文件', 415);
      if (!uploads.has(key)) uploads.set(key, file.path);
      net();
      return view(id);
    },
  };
  return { deps, complaints, uploads, calls, dropBefore: (n: number) => ((dropAt = callNo + n), undefined) };
}

describe('filing a complaint with evidence on a weak network', () => {
  it('when the network drops after the first photo, then the draft keeps the case and the rest, and the retry after a restart files nothing new and uploads the rest with the same keys', async () => {
    const server = fakeServer();
    const store = createDraftStore<Form>('draft.complaint.test', isForm);
    store.save({ name: '包金山' });
    const files = store.attach({ name: '包金山' }, [photo(1), photo(2), photo(3)]);

    server.dropBefore(3); // file ok, photo1 ok, photo2's answer lost
    await expect(submitWithEvidence(store, { name: '包金山' }, input, server.deps)).rejects.toBeInstanceOf(NetworkError);
    const kept = createDraftStore<Form>('draft.complaint.test', isForm).load();
    expect(kept?.resultId).toBe('c1');
    expect(kept?.files.map((f) => [f.name, f.uploaded, f.key])).toEqual(files.map((f, i) => [f.name, i === 0, f.key]));

    const reopened = createDraftStore<Form>('draft.complaint.test', isForm);
    const done = await submitWithEvidence(reopened, { name: '包金山' }, input, server.deps);
    expect(server.complaints.size).toBe(1);
    expect(server.uploads.size).toBe(3);
    expect(done.failedUploads).toBe(0);
    expect(done.complaint.evidence).toHaveLength(3);
    const photo2Sends = server.calls.filter((c) => c.startsWith('upload photo2'));
    expect(photo2Sends).toEqual([`upload photo2.jpg ${files[1]?.key}`, `upload photo2.jpg ${files[1]?.key}`]);
    expect(server.calls.filter((c) => c.startsWith('upload photo1'))).toHaveLength(1);
    expect(reopened.load()).toBeNull();
  });

  it('when the network drops while filing, then the retry sends the same key and the same evidence', async () => {
    const server = fakeServer();
    const store = createDraftStore<Form>('draft.complaint.test2', isForm);
    store.attach({ name: '巴特' }, [photo(1)]);
    server.dropBefore(1);
    await expect(submitWithEvidence(store, { name: '巴特' }, input, server.deps)).rejects.toBeInstanceOf(NetworkError);
    expect(store.load()?.files.map((f) => f.uploaded)).toEqual([false]);
    await submitWithEvidence(store, { name: '巴特' }, input, server.deps);
    const fileCalls = server.calls.filter((c) => c.startsWith('file '));
    expect(fileCalls).toHaveLength(2);
    expect(fileCalls[0]).toBe(fileCalls[1]);
    expect(server.complaints.size).toBe(1);
    expect(server.uploads.size).toBe(1);
  });

  it('when the server refuses a file, then it is counted, dropped, and the rest still go', async () => {
    const server = fakeServer();
    const store = createDraftStore<Form>('draft.complaint.test3', isForm);
    store.attach({ name: '李四' }, [{ ...photo(1), name: 'virus.jpg' }, photo(2)]);
    const done = await submitWithEvidence(store, { name: '李四' }, input, server.deps);
    expect(done.failedUploads).toBe(1);
    expect(server.uploads.size).toBe(1);
    expect(store.load()).toBeNull();
  });
});
