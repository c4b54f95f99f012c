import { Text, View } from '@tarojs/components';
import { RegionLevels, type Region, type RegionLevel } from '@zhuanyi/shared';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { StatusView } from '@/components/StatusView';
import { regionName, t } from '@/i18n';
import { errorMessageKey } from '@/services/errors';
import { useRegionChildren } from '../hooks/use-region-children';
import './RegionPicker.scss';

export interface RegionPickerProps {
  /** The path chosen so far, province first. */
  value?: Region[];
  /** Called with the full path (province → chosen region) once a choice is final. */
  onChange: (path: Region[]) => void;
  /** Stop here: choosing a region of this level finishes (default: village). */
  deepestLevel?: RegionLevel;
  /** Levels from which "就选这一级" is offered; below it the user must go deeper (default: county). */
  shallowestLevel?: RegionLevel;
}

const depth = (level: RegionLevel) => RegionLevels.indexOf(level);

/** Level-by-level picker: province → city → county → township → village, one list at a time. */
export function RegionPicker({ value = [], onChange, deepestLevel = 'village', shallowestLevel = 'county' }: RegionPickerProps) {
  const last = value[value.length - 1];
  const finished = last !== undefined && depth(last.level) >= depth(deepestLevel);
  // `path` holds the levels being browsed; a final (deepest) choice is only marked in its list.
  const [path, setPath] = useState<Region[]>(finished ? value.slice(0, -1) : value);
  const [selectedCode, setSelectedCode] = useState<string | null>(finished ? last.code : null);
  const parent = path[path.length - 1] ?? null;
  const children = useRegionChildren(parent?.code ?? null);
  const nextLevel: RegionLevel = RegionLevels[parent ? depth(parent.level) + 1 : 0] ?? deepestLevel;

  const browse = (next: Region[]) => {
    setSelectedCode(null);
    setPath(next);
  };

  const choose = (region: Region) => {
    if (depth(region.level) >= depth(deepestLevel)) {
      setSelectedCode(region.code);
      onChange([...path, region]);
      return;
    }
    browse([...path, region]);
  };

  const canStopHere = parent !== null && depth(parent.level) >= depth(shallowestLevel);
  const isLeaf = parent !== null && children.status === 'ready' && children.items.length === 0;

  return (
    <View className="region-picker">
      <View className="region-picker__crumbs">
        <Text className="region-picker__crumb" onClick={() => browse([])}>
          {t('common.all')}
        </Text>
        {path.map((region, index) => (
          <Text key={region.code} className="region-picker__crumb" onClick={() => browse(path.slice(0, index + 1))}>
            {` › ${regionName(region.code, region.name)}`}
          </Text>
        ))}
      </View>

      {canStopHere && parent && !isLeaf ? (
        <View className="region-picker__stop">
          <ActionButton kind="secondary" onTap={() => onChange(path)}>
            {t('regions.useThisLevel', { name: regionName(parent.code, parent.name) })}
          </ActionButton>
        </View>
      ) : null}

      {isLeaf && parent ? (
        <View className="region-picker__stop">
          <Text className="region-picker__hint">{t('regions.empty')}</Text>
          <ActionButton onTap={() => onChange(path)}>{t('regions.useThisLevel', { name: regionName(parent.code, parent.name) })}</ActionButton>
        </View>
      ) : null}

      {children.status === 'loading' ? <StatusView kind="loading" title={t('common.loading')} /> : null}
      {children.status === 'error' ? (
        <StatusView
          kind="error"
          title={t('regions.loadFailed')}
          hint={t(errorMessageKey(children.error))}
          onRetry={() => void children.reload()}
        />
      ) : null}
      {children.status === 'ready' && children.items.length > 0 ? (
        <View className="region-picker__list">
          <Text className="region-picker__prompt">{t(`regions.chooseLevel.${nextLevel}`)}</Text>
          {children.items.map((region) => (
            <View
              key={region.code}
              className={region.code === selectedCode ? 'region-picker__item region-picker__item--chosen' : 'region-picker__item'}
              onClick={() => choose(region)}
              ariaRole="button"
            >
              {regionName(region.code, region.name)}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
