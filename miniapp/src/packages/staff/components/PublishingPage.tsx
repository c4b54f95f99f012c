import { View } from '@tarojs/components';
import { Fragment, useState, type ReactNode } from 'react';
import { Notice } from '@/components/Form';
import { StatusView } from '@/components/StatusView';
import { useAsync } from '@/hooks/use-async';
import { t } from '@/i18n';
import { errorText } from '@/services/error-text';
import { useStaffSession } from '@/features/staff/hooks/use-staff-session';

/** What the page hands its form: the item being edited (null for a new one) and the staff member's region. */
export interface PublishFormProps<T> {
  editing: T | null;
  region: string;
  onSaved: (item: T) => void;
  onCancel: () => void;
}

/** What the page hands each card: open the item in the form, or put a changed item in place. */
export interface PublishCardProps<T> {
  onEdit: () => void;
  onSaved: (item: T) => void;
}

interface PublishingPageProps<T> {
  load: () => Promise<{ items: T[] }>;
  /** Loads again when this changes (useAsync key). */
  loadKey: string;
  renderForm: (props: PublishFormProps<T>) => ReactNode;
  renderCard: (item: T, props: PublishCardProps<T>) => ReactNode;
}

/**
 * A staff publishing page: the create/edit form on the left (fresh after a save, with a "saved" notice),
 * the list on the right, where a saved item replaces its old card or comes first when new.
 */
export function PublishingPage<T extends { id: string }>({ load, loadKey, renderForm, renderCard }: PublishingPageProps<T>) {
  const region = useStaffSession()?.regionScope ?? '';
  const { state, reload, setState } = useAsync(load, loadKey);
  const [editing, setEditing] = useState<T | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [saved, setSaved] = useState(false);
  const replace = (item: T) => {
    if (state.status !== 'ready') return;
    const items = state.data.items.some((x) => x.id === item.id) ? state.data.items.map((x) => (x.id === item.id ? item : x)) : [item, ...state.data.items];
    setState({ status: 'ready', data: { items } });
  };
  return (
    <View className="zy-staff-grid">
      <View>
        {saved ? <Notice tone="success">{t('staff.publish.saved')}</Notice> : null}
        <Fragment key={`${editing?.id ?? 'new'}-${formKey}`}>
          {renderForm({
            editing,
            region,
            onSaved: (item) => {
              replace(item);
              setEditing(null);
              setFormKey((k) => k + 1);
              setSaved(true);
            },
            onCancel: () => setEditing(null),
          })}
        </Fragment>
      </View>
      <View>
        {state.status === 'loading' ? <StatusView kind="loading" title={t('common.loading')} /> : null}
        {state.status === 'error' ? <StatusView kind="error" title={t('staff.publish.loadFailed')} hint={errorText(state.error)} onRetry={() => reload()} /> : null}
        {state.status === 'ready' && state.data.items.length === 0 ? <StatusView kind="empty" title={t('staff.publish.empty')} /> : null}
        {state.status === 'ready'
          ? state.data.items.map((item) => (
              <Fragment key={item.id}>
                {renderCard(item, {
                  onSaved: replace,
                  onEdit: () => {
                    setSaved(false);
                    setEditing(item);
                  },
                })}
              </Fragment>
            ))
          : null}
      </View>
    </View>
  );
}
