import { Input, ScrollView, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Chip } from '@/components/Chip';
import { regionName, t } from '@/i18n';
import { RegionPicker } from '@/features/regions/components/RegionPicker';
import { VoiceInputButton } from '@/features/speech/components/VoiceInputButton';
import { hasExtraFilters, type JobFilters as Filters } from '../api/get-jobs';
import { TRADE_FILTERS } from '../trades';
import './JobFilters.scss';

interface JobFiltersProps {
  value: Filters;
  onChange: (next: Filters) => void;
}

/** Monthly pay floors offered as chips, in fen. */
const PAY_FLOORS = [300000, 500000, 800000] as const;

/** Keyword box, one-tap trade chips, and more conditions (destination, pay, 包吃住, transport, 公益性岗位). */
export function JobFilters({ value, onChange }: JobFiltersProps) {
  const [draft, setDraft] = useState(value.q ?? '');
  const [open, setOpen] = useState(false);
  const [picking, setPicking] = useState(false);
  const submit = () => onChange({ ...value, q: draft.trim() || undefined });
  const extra = hasExtraFilters(value);

  return (
    <View className="job-filters">
      <View className="job-filters__search">
        <Input
          className="job-filters__input"
          type="text"
          confirmType="search"
          value={draft}
          placeholder={t('jobs.searchPlaceholder')}
          maxlength={50}
          onInput={(event) => setDraft(event.detail.value)}
          onConfirm={submit}
        />
        <View className="job-filters__submit" onClick={submit} ariaRole="button">
          {t('common.search')}
        </View>
      </View>
      <VoiceInputButton
        onText={(heard) => {
          setDraft(heard);
          onChange({ ...value, q: heard.slice(0, 50) });
        }}
      />
      <Text className="job-filters__label">{t('jobs.tradeLabel')}</Text>
      <ScrollView className="job-filters__trades" scrollX enhanced showScrollbar={false}>
        <View className="job-filters__track">
          <Chip label={t('common.all')} selected={!value.trade} onTap={() => onChange({ ...value, trade: undefined })} />
          {TRADE_FILTERS.map((trade) => (
            <Chip
              key={trade.value}
              label={t(trade.labelKey)}
              selected={value.trade === trade.value}
              onTap={() => onChange({ ...value, trade: value.trade === trade.value ? undefined : trade.value })}
            />
          ))}
        </View>
      </ScrollView>

      <View className="job-filters__toggle" ariaRole="button" onClick={() => setOpen(!open)}>
        <Text>{open ? t('jobs.hideFilters') : t('jobs.moreFilters')}</Text>
        {extra && !open ? <Text className="job-filters__dot">{` · ${t('common.selected')}`}</Text> : null}
      </View>

      {open ? (
        <View className="job-filters__more">
          <Text className="job-filters__label">{t('jobs.destination')}</Text>
          <View className="job-filters__row">
            <Chip
              label={t('jobs.anywhere')}
              selected={!value.regionCode}
              onTap={() => {
                setPicking(false);
                onChange({ ...value, regionCode: undefined, regionName: undefined });
              }}
            />
            <Chip label={value.regionCode && value.regionName ? regionName(value.regionCode, value.regionName) : t('jobs.chooseRegion')} selected={Boolean(value.regionCode)} onTap={() => setPicking(!picking)} />
          </View>
          {picking ? (
            <RegionPicker
              deepestLevel="county"
              shallowestLevel="province"
              onChange={(path) => {
                const last = path[path.length - 1];
                setPicking(false);
                onChange({ ...value, regionCode: last?.code, regionName: last?.name });
              }}
            />
          ) : null}

          <Text className="job-filters__label">{t('jobs.pay')}</Text>
          <View className="job-filters__row">
            <Chip label={t('jobs.payAny')} selected={!value.payMinFen} onTap={() => onChange({ ...value, payMinFen: undefined })} />
            {PAY_FLOORS.map((fen) => (
              <Chip
                key={fen}
                label={t('jobs.payFrom', { amount: fen / 100 })}
                selected={value.payMinFen === fen}
                onTap={() => onChange({ ...value, payMinFen: value.payMinFen === fen ? undefined : fen })}
              />
            ))}
          </View>

          <Text className="job-filters__label">{t('jobs.conditions')}</Text>
          <View className="job-filters__row">
            <Chip
              label={t('job.mealsAndLodging')}
              selected={value.mealsAndLodging === true}
              onTap={() => onChange({ ...value, mealsAndLodging: value.mealsAndLodging ? undefined : true })}
            />
            <Chip
              label={t('jobs.organizedTransport')}
              selected={value.transport === 'organized'}
              onTap={() => onChange({ ...value, transport: value.transport === 'organized' ? undefined : 'organized' })}
            />
            <Chip
              label={t('job.publicWelfare')}
              selected={value.publicWelfare === true}
              onTap={() => onChange({ ...value, publicWelfare: value.publicWelfare ? undefined : true })}
            />
          </View>
          {extra ? (
            <Text
              className="zy-link job-filters__clear"
              onClick={() => onChange({ q: value.q, trade: value.trade })}
            >
              {t('jobs.clearFilters')}
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
