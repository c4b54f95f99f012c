import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Screen } from '@/components/Screen';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Form';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { downloadTemplate } from '@/features/brokers/api/brokers-api';
import { ImportResult } from '@/features/brokers/components/ImportResult';
import { useImport } from '@/features/brokers/hooks/use-import';
import '@/features/brokers/components/brokers.scss';

/** Enrol by spreadsheet: template, pick (file input in H5, a WeChat chat file in weapp), upload, per-row answers. */
export default function BrokerImportPage() {
  const { result, busy, error, pickAndUpload } = useImport();
  const [templateNote, setTemplateNote] = useState<string | null>(null);
  const template = () => {
    setTemplateNote(null);
    downloadTemplate().then(
      () => setTemplateNote(t('broker.import.templateSaved')),
      (e: unknown) => setTemplateNote(errorText(e)),
    );
  };
  return (
    <Screen>
      <View className="zy-broker-card">
        <Text className="zy-broker-card__title">{t('broker.import.title')}</Text>
        <Text className="zy-broker-muted">{t('broker.import.hint')}</Text>
      </View>
      <View className="zy-broker-pad">
        <ActionButton kind="secondary" onTap={template}>{t('broker.import.template')}</ActionButton>
        {templateNote ? <Notice tone="info">{templateNote}</Notice> : null}
        <ActionButton onTap={pickAndUpload} disabled={busy}>
          {busy ? t('broker.import.uploading') : process.env.TARO_ENV === 'weapp' ? t('broker.import.pickWeapp') : t('broker.import.pick')}
        </ActionButton>
        {error ? <Notice tone="error">{error}</Notice> : null}
      </View>
      {result ? <ImportResult result={result} /> : null}
    </Screen>
  );
}
