import { Button } from '@tarojs/components';
import type { ReactNode } from 'react';
import './ui.scss';

interface ActionButtonProps {
  children: ReactNode;
  onTap: () => void;
  kind?: 'primary' | 'secondary';
  disabled?: boolean;
  loading?: boolean;
}

/** A large tap target (>= 48px high) with a clear label; native button for accessibility. */
export function ActionButton({ children, onTap, kind = 'primary', disabled, loading }: ActionButtonProps) {
  return (
    <Button
      className={`zy-button zy-button--${kind}`}
      disabled={disabled}
      loading={loading}
      onClick={onTap}
    >
      {children}
    </Button>
  );
}
