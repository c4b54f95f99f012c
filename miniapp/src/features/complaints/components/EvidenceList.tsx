import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { Complaint, EvidenceFile } from '@zhuanyi/shared';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { t } from '@/i18n';
import { downloadEvidence } from '../api/complaints-api';
import './CaseView.scss';

const isImage = (f: EvidenceFile) => f.contentType.startsWith('image/');

/** Opens a fetched file: images in the viewer, PDFs in WeChat's document viewer or a browser tab. */
function open(path: string, file: EvidenceFile): void {
  if (isImage(file)) void Taro.previewImage({ urls: [path], current: path });
  else if (process.env.TARO_ENV === 'weapp') void Taro.openDocument({ filePath: path, fileType: 'pdf', showMenu: true });
  else window.open(path, '_blank');
}

/** Saves a copy: WeChat's document menu offers saving; the browser downloads under the file's name. */
function save(path: string, file: EvidenceFile): void {
  if (process.env.TARO_ENV === 'weapp') {
    if (isImage(file)) void Taro.saveImageToPhotosAlbum({ filePath: path });
    else void Taro.openDocument({ filePath: path, fileType: 'pdf', showMenu: true });
    return;
  }
  const a = document.createElement('a');
  a.href = path;
  a.download = file.filename;
  a.click();
}

function EvidenceItem({ complaintId, file }: { complaintId: string; file: EvidenceFile }) {
  const [path, setPath] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    downloadEvidence(complaintId, file.id).then(
      (p) => live && setPath(p),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [complaintId, file.id]);
  return (
    <View className="case__evidence">
      {path && isImage(file) ? <Image className="case__evidence-image" src={path} mode="widthFix" ariaLabel={file.filename} onClick={() => open(path, file)} /> : null}
      <Text className="zy-text">{file.filename}</Text>
      {failed ? <Text className="zy-error">{t('complaint.fileFailed')}</Text> : null}
      {!path && !failed ? <Text className="zy-muted">{t('complaint.fileLoading')}</Text> : null}
      {path ? (
        <View className="zy-actions">
          <ActionButton kind="secondary" onTap={() => open(path, file)}>
            {t('complaint.openFile')}
          </ActionButton>
          <ActionButton kind="secondary" onTap={() => save(path, file)}>
            {t('complaint.downloadFile')}
          </ActionButton>
        </View>
      ) : null}
    </View>
  );
}

/** Every evidence file: images shown inline, PDFs openable; each can be downloaded. */
export function EvidenceList({ complaint }: { complaint: Complaint }) {
  if (complaint.evidence.length === 0) return null;
  return (
    <View className="zy-card">
      <Text className="case__heading">{t('complaint.evidenceTitle')}</Text>
      {complaint.evidence.map((f) => (
        <EvidenceItem key={f.id} complaintId={complaint.id} file={f} />
      ))}
    </View>
  );
}
