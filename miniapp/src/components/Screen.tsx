import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './ui.scss';

/** Every page's root: background, text scale, safe padding. */
export function Screen({ children, large = false }: { children: ReactNode; large?: boolean }) {
  return <View className={large ? 'zy-screen zy-screen--large' : 'zy-screen'}>{children}</View>;
}
