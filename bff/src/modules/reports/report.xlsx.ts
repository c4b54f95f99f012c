/** The monthly report as an xlsx workbook (exceljs): one sheet of figures, one of the months. */
import ExcelJS from 'exceljs';
import { fenToYuanText, t, type IndicatorReport, type MessageKey, type MonthlyReport } from '@zhuanyi/shared';

const pctText = (v: number | null) => (v === null ? '' : `${(v * 100).toFixed(1)}%`);

/** The indicators sheet: each indicator with its target and its definition, then the townships and villages. */
export function addIndicatorSheet(wb: ExcelJS.Workbook, r: IndicatorReport): void {
  const ws = wb.addWorksheet(t('indicator.sheet'));
  ws.columns = [{ width: 30 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 70 }];
  ws.addRow([`${r.regionName} ${r.from}～${r.to}`]).font = { bold: true, size: 13 };
  ws.addRow([t('indicator.col.name'), t('indicator.col.actual'), t('report.col.month'), t('indicator.col.target'), t('indicator.col.ratio'), t('indicator.col.definition')]).font = { bold: true };
  for (const i of r.indicators) {
    const v = (x: number | null) => (x === null ? '' : i.unit === 'share' ? pctText(x) : x);
    ws.addRow([i.name, v(i.actual), v(i.inPeriod), v(i.target), pctText(i.ratio), i.definition]).getCell(6).alignment = { wrapText: true };
  }
  ws.addRow([]);
  ws.addRow([t('indicator.byArea')]).font = { bold: true };
  const names = ['transferredStock', 'transferredNew', 'poorTransferred', 'outOfRegion', 'inRegion'] as const;
  ws.addRow([t('report.col.item'), ...names.map((k) => r.indicators.find((i) => i.key === k)?.name ?? k)]).font = { bold: true };
  for (const a of r.areas) ws.addRow([a.level === 'village' ? `\u3000${a.regionName}` : a.regionName, ...names.map((k) => a[k])]).font = { bold: a.level === 'township' };
}

export async function indicatorReportXlsx(r: IndicatorReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(r.generatedAt);
  addIndicatorSheet(wb, r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function monthlyReportXlsx(r: MonthlyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(r.generatedAt);
  const ws = wb.addWorksheet(r.month);
  ws.columns = [{ width: 28 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 12 }];
  ws.addRow([t('report.title', { region: r.regionName, month: r.month })]).font = { bold: true, size: 14 };
  const head = (k: MessageKey) => {
    ws.addRow([]);
    ws.addRow([t(k)]).font = { bold: true };
    ws.addRow([t('report.col.item'), t('report.col.month'), t('report.col.ytd'), t('report.col.target'), t('report.col.ratio')]).font = { bold: true };
  };
  const pct = (v: number | null) => (v === null ? '' : `${(v * 100).toFixed(1)}%`);
  head('report.section.transfers');
  const tg = r.targets;
  ws.addRow([t('report.transfers.total'), r.transfers.month.total, r.transfers.yearToDate.total, tg.transfers.target ?? '', pct(tg.transfers.ratio)]);
  ws.addRow([t('report.transfers.outOfRegion'), r.transfers.month.outOfRegion, r.transfers.yearToDate.outOfRegion, tg.outOfRegion.target ?? '', pct(tg.outOfRegion.ratio)]);
  ws.addRow([t('report.transfers.inRegion'), r.transfers.month.inRegion, r.transfers.yearToDate.inRegion, tg.inRegion.target ?? '', pct(tg.inRegion.ratio)]);
  ws.addRow([t('report.transfers.governmentOrganized'), r.transfers.month.governmentOrganized, r.transfers.yearToDate.governmentOrganized, pct(tg.governmentOrganizedShare.target), pct(r.transfers.governmentOrganizedShare)]);
  head('report.section.registrations');
  ws.addRow([t('report.registrations.new'), r.registrations.new]);
  ws.addRow([t('report.registrations.updated'), r.registrations.updated]);
  ws.addRow([t('report.registrations.total'), r.registrations.total]);
  head('report.section.trainings');
  ws.addRow([t('report.trainings.trained'), r.trainings.month.trained, r.trainings.yearToDate.trained, tg.trainings.target ?? '', pct(tg.trainings.ratio)]);
  ws.addRow([t('report.trainings.passed'), r.trainings.month.passed, r.trainings.yearToDate.passed]);
  ws.addRow([t('report.trainings.passRate'), pct(r.trainings.passRate), '', pct(tg.passRate.target)]);
  ws.addRow([t('report.trainings.orderBased'), r.trainings.month.orderBased, '', pct(tg.orderBasedShare.target), pct(r.trainings.orderBasedShare)]);
  head('report.section.complaints');
  ws.addRow([t('report.complaints.received'), r.complaints.received]);
  ws.addRow([t('report.complaints.accepted'), r.complaints.accepted]);
  ws.addRow([t('report.complaints.closed'), r.complaints.closed]);
  ws.addRow([t('report.complaints.amountRecovered'), fenToYuanText(r.complaints.amountRecoveredFen)]);
  ws.addRow([t('report.complaints.medianDaysToAccept'), r.complaints.medianDaysToAccept ?? '']);
  ws.addRow([t('report.complaints.medianDaysToClose'), r.complaints.medianDaysToClose ?? '']);
  addIndicatorSheet(wb, r.indicators);
  const chart = wb.addWorksheet(t('report.chart'));
  chart.columns = [{ width: 12 }, { width: 14 }, { width: 14 }, { width: 14 }];
  chart.addRow([t('report.col.month'), t('report.transfers.total'), t('report.trainings.trained'), t('report.complaints.received')]).font = { bold: true };
  for (const m of r.monthly) chart.addRow([m.month, m.transfers, m.trainings, m.complaints]);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}
