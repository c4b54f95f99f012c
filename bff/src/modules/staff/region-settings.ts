/**
 * Per-region configuration: green-channel and arbitration numbers, four-color watch rules and
 * yearly report targets. A region inherits from its ancestors; the seed plans' figures are the
 * defaults for Tongliao, Luolong and Mile.
 */
import { Schema, model } from 'mongoose';
import {
  DEFAULT_INTAKE_SETTINGS,
  DEFAULT_WATCH_RULES,
  DEFAULT_YEAR_TARGETS,
  regionCodePath,
  type RegionSettings,
  type WatchRules,
  type YearTargets,
} from '@zhuanyi/shared';

const settingsSchema = new Schema(
  {
    _id: { type: String, required: true },
    intake: { type: Schema.Types.Mixed, default: {} },
    watch: { type: Schema.Types.Mixed, default: {} },
    targets: { type: Schema.Types.Mixed, default: {} },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { collection: 'region_settings', versionKey: false },
);
export const RegionSettingsModel = model('RegionSettings', settingsSchema);

interface StoredSettings {
  _id: string;
  intake?: Partial<RegionSettings['intake']>;
  watch?: Partial<WatchRules>;
  targets?: Record<string, YearTargets>;
}

export type IntakeSettings = RegionSettings['intake'];

export async function settingsFor(regionCode: string): Promise<RegionSettings> {
  return (await settingsForMany([regionCode])).get(regionCode) as RegionSettings;
}

/** Settings of many regions from one read (an import colours people of hundreds of villages). */
export async function settingsForMany(regionCodes: readonly string[]): Promise<Map<string, RegionSettings>> {
  const pathOf = (code: string) => {
    const path = regionCodePath(code);
    return path.length ? path : [code];
  };
  const all = new Set<string>();
  for (const code of regionCodes) for (const c of pathOf(code)) all.add(c);
  const stored = all.size ? await RegionSettingsModel.find({ _id: { $in: [...all] } }).lean<StoredSettings[]>().exec() : [];
  const byCode = new Map(stored.map((s) => [s._id, s]));
  return new Map(regionCodes.map((code) => [code, merged(code, pathOf(code), byCode)]));
}

function merged(regionCode: string, codes: readonly string[], byCode: ReadonlyMap<string, StoredSettings>): RegionSettings {
  let intake: IntakeSettings = { ...DEFAULT_INTAKE_SETTINGS };
  let watch: WatchRules = { ...DEFAULT_WATCH_RULES };
  const targets: Record<string, YearTargets> = {};
  const sources: string[] = [];
  for (const code of codes) {
    const defaults = DEFAULT_YEAR_TARGETS[code];
    // Targets belong to the region itself, not its parts.
    if (code === regionCode && defaults) for (const [y, t] of Object.entries(defaults)) targets[y] = { ...t };
    const s = byCode.get(code);
    if (!s) continue;
    sources.push(code);
    intake = { ...intake, ...(s.intake ?? {}) };
    watch = { ...watch, ...(s.watch ?? {}) };
    if (code === regionCode) for (const [y, t] of Object.entries(s.targets ?? {})) targets[y] = { ...(targets[y] ?? {}), ...t };
  }
  return { regionCode, source: sources.length ? sources.join(',') : 'defaults', intake, watch, targets };
}

export async function saveSettings(
  regionCode: string,
  patch: { intake?: Partial<IntakeSettings>; watch?: Partial<WatchRules>; targets?: Record<string, YearTargets> },
  by: string,
  at: Date,
): Promise<void> {
  const current = await RegionSettingsModel.findById(regionCode).lean<StoredSettings>().exec();
  await RegionSettingsModel.updateOne(
    { _id: regionCode },
    {
      $set: {
        intake: { ...(current?.intake ?? {}), ...(patch.intake ?? {}) },
        watch: { ...(current?.watch ?? {}), ...(patch.watch ?? {}) },
        targets: { ...(current?.targets ?? {}), ...(patch.targets ?? {}) },
        updatedAt: at,
        updatedBy: by,
      },
    },
    { upsert: true },
  );
}
