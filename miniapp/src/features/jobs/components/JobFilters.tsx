import { Input, ScrollView, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Chip } from '@/components/Chip';
import { t } from '@/i18n';
import type { JobFilters as Filters } from '../api/get-jobs';
import { TRADE_FILTERS } from '../trades';
import './JobFilters.scss';

interface JobFiltersProps {
  value: Filters;
  onChange: (next: Filters) => void;
}

/** Keyword box (searches on the keyboard's search key or the button) and one-tap trade chips. */
export function JobFilters({ value, onChange }: JobFiltersProps) {
  const [draft, setDraft] = useState(value.q ?? '');
  const submit = () => onChange({ ...value, q: draft.trim() || undefined });

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
    </View>
  );
}
