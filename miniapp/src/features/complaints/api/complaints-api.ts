import { ComplaintListResponseSchema, ComplaintSchema, type Complaint, type ComplaintCreateInput, type ComplaintListResponse, type ComplaintSupplementInput } from '@zhuanyi/shared';
import Taro from '@tarojs/taro';
import { appConfig } from '@/config';
import { getAccessToken } from '@/services/auth-token';
import { http } from '@/services/http';
import { uploadFile, type PickedFile } from '@/services/upload';

/** POST /complaints (Idempotency-Key required): filed whatever is missing (容缺受理). */
export function fileComplaint(body: ComplaintCreateInput, idempotencyKey: string): Promise<Complaint> {
  return http.request({ method: 'POST', path: '/complaints', body, schema: ComplaintSchema, idempotencyKey });
}

/** POST /complaints/:id/supplements: one missing item added after filing; one key per item (a retry adds it once). */
export function supplementComplaint(id: string, body: ComplaintSupplementInput, idempotencyKey: string): Promise<Complaint> {
  return http.request({ method: 'POST', path: `/complaints/${encodeURIComponent(id)}/supplements`, body, schema: ComplaintSchema, idempotencyKey });
}

export function getComplaint(id: string): Promise<Complaint> {
  return http.get(`/complaints/${encodeURIComponent(id)}`, ComplaintSchema);
}

export function getMyComplaints(): Promise<ComplaintListResponse> {
  return http.get('/complaints', ComplaintListResponseSchema, { limit: 20 });
}

/** POST /complaints/:id/evidence, one file per request (field `files`) with its own Idempotency-Key; answers the updated case. */
export function uploadEvidence(id: string, file: PickedFile, idempotencyKey: string): Promise<Complaint> {
  return uploadFile(`/complaints/${encodeURIComponent(id)}/evidence`, 'files', file, ComplaintSchema, { 'Idempotency-Key': idempotencyKey });
}

/**
 * Fetches one evidence file with the signed-in person's token (an <Image> cannot send it) and
 * answers a local path: a temp file in WeChat, a blob URL in the browser.
 */
export async function downloadEvidence(complaintId: string, fileId: string): Promise<string> {
  const token = getAccessToken();
  const res = await Taro.downloadFile({
    url: `${appConfig.apiBaseUrl}/complaints/${encodeURIComponent(complaintId)}/evidence/${encodeURIComponent(fileId)}`,
    header: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (res.statusCode !== 200) throw new Error(`evidence ${res.statusCode}`);
  return res.tempFilePath;
}
