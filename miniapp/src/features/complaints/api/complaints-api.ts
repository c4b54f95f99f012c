import { ComplaintListResponseSchema, ComplaintSchema, type Complaint, type ComplaintCreateInput, type ComplaintListResponse } from '@zhuanyi/shared';
import { http } from '@/services/http';
import { uploadFile, type PickedFile } from '@/services/upload';

/** POST /complaints (Idempotency-Key required): filed whatever is missing (容缺受理). */
export function fileComplaint(body: ComplaintCreateInput, idempotencyKey: string): Promise<Complaint> {
  return http.request({ method: 'POST', path: '/complaints', body, schema: ComplaintSchema, idempotencyKey });
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
