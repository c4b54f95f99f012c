import { View } from '@tarojs/components';
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { getTextLevel, markDocumentTextLevel, subscribeTextLevel } from '@/services/text-size';
import './ui.scss';

/** The current text level; re-renders when the user switches large text. */
export function useTextLevel() {
  return useSyncExternalStore(subscribeTextLevel, getTextLevel, getTextLevel);
}

/** Every page's root: background, text scale (user switch or system font scale), safe padding. */
export function Screen({ children, large = false }: { children: ReactNode; large?: boolean }) {
  const level = useTextLevel();
  const effective = large && level === 'normal' ? 'large' : level;
  useEffect(() => markDocumentTextLevel(level), [level]);
  const className = effective === 'normal' ? 'zy-screen' : `zy-screen zy-screen--large zy-screen--${effective}`;
  return <View className={className}>{children}</View>;
}
