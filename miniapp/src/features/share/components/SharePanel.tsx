import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { t } from '@/i18n';
import { h5LinkFor, qrDataUri, useShare, type ShareTarget } from '../share';
import './SharePanel.scss';

/**
 * 分享给亲友. In WeChat: the page's 转发 (title and path) and a button that opens it. In a
 * browser: a poster (title, the lines given, a QR code of the page) and the link to copy.
 */
export function SharePanel({ target, lines }: { target: ShareTarget; lines: string[] }) {
  useShare(target);
  const [open, setOpen] = useState(false);
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <View className="share">
        <Text className="zy-muted">{t('share.weappHint')}</Text>
      </View>
    );
  }
  const link = h5LinkFor(target.path, window.location.origin, window.location.pathname);
  return (
    <View className="share">
      {open ? (
        <View className="share__poster zy-card" data-testid="share-poster">
          <Text className="share__app">{t('app.name')}</Text>
          <Text className="zy-title">{target.title}</Text>
          {lines.map((l) => (
            <Text key={l} className="zy-text">
              {l}
            </Text>
          ))}
          <Image className="share__qr" src={qrDataUri(link)} ariaLabel={t('share.qrLabel')} />
          <Text className="zy-muted">{t('share.scan')}</Text>
          <Text className="share__link" selectable>
            {link}
          </Text>
          <ActionButton onTap={() => void Taro.setClipboardData({ data: link })}>{t('share.copy')}</ActionButton>
          <ActionButton kind="secondary" onTap={() => setOpen(false)}>
            {t('share.close')}
          </ActionButton>
        </View>
      ) : (
        <ActionButton kind="secondary" onTap={() => setOpen(true)}>
          {t('share.button')}
        </ActionButton>
      )}
    </View>
  );
}
