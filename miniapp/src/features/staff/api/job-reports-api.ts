import { StaffJobReportListSchema, StaffJobReportSchema, type JobReportAction, type StaffJobReport, type StaffJobReportList } from '@zhuanyi/shared';
import { http } from '@/services/http';

/** GET /staff/job-reports: reports on jobs of the staff member's county. */
export function listJobReports(status: 'open' | 'handled'): Promise<StaffJobReportList> {
  return http.get('/staff/job-reports', StaffJobReportListSchema, { status });
}

/** POST /staff/job-reports/:id/actions: take down, warn or dismiss, with why (audited; the reporter is told). */
export function actOnJobReport(id: string, body: JobReportAction): Promise<StaffJobReport> {
  return http.request({ method: 'POST', path: `/staff/job-reports/${encodeURIComponent(id)}/actions`, body, schema: StaffJobReportSchema });
}
