import { Button } from '@tarojs/components';
import type { ReactNode } from 'react';
import './ui.scss';

interface ActionButtonProps {
  children: ReactNode;
  onTap: () => void;
  kind?: 'primary' | 'secondary';
  disabled?: boolean;
}

/** A large tap target (>= 48px high) with a clear label; native button for accessibility. */
// No `loading` prop: Taro's H5 button inserts a spinner node React does not know about
// and the next render fails (insertBefore). Callers change the label instead.
export function ActionButton({ children, onTap, kind = 'primary', disabled = false }: ActionButtonProps) {
  return (
    <Button
      className={`zy-button zy-button--${kind}${disabled ? ' zy-button--disabled' : ''}`}
      // H5 renders disabled="false" as an attribute, so only pass it when true.
      disabled={disabled || undefined}
      onClick={disabled ? undefined : onTap}
    >
      {children}
    </Button>
  );
}
