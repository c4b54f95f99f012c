/**
 * @tarojs/components as plain DOM elements, enough for component logic in jsdom.
 * Taro props map to DOM ones: className, onClick, ariaRole → role, ariaLabel → aria-label.
 */
import type { ReactNode } from 'react';

interface CommonProps {
  children?: ReactNode;
  className?: string;
  onClick?: () => void;
  ariaRole?: string;
  ariaLabel?: string;
}

function common({ className, onClick, ariaRole, ariaLabel }: CommonProps) {
  return { className, onClick, role: ariaRole, 'aria-label': ariaLabel };
}

export function View(props: CommonProps) {
  return <div {...common(props)}>{props.children}</div>;
}

export function Text(props: CommonProps) {
  return <span {...common(props)}>{props.children}</span>;
}

export function ScrollView(props: CommonProps & { scrollX?: boolean }) {
  return <div {...common(props)}>{props.children}</div>;
}

export function Button(props: CommonProps & { disabled?: boolean; loading?: boolean }) {
  return (
    <button type="button" {...common(props)} disabled={props.disabled} aria-busy={props.loading}>
      {props.children}
    </button>
  );
}

interface InputProps {
  className?: string;
  value?: string;
  placeholder?: string;
  maxlength?: number;
  type?: string;
  confirmType?: string;
  onInput?: (event: { detail: { value: string } }) => void;
  onConfirm?: (event: { detail: { value: string } }) => void;
}

export function Input({ className, value, placeholder, maxlength, onInput, onConfirm }: InputProps) {
  return (
    <input
      className={className}
      value={value}
      placeholder={placeholder}
      maxLength={maxlength}
      onChange={(event) => onInput?.({ detail: { value: event.target.value } })}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onConfirm?.({ detail: { value: event.currentTarget.value } });
      }}
    />
  );
}

/** A date/selector picker: its children, and an input (labelled by `data-picker`) standing in for the system dialog. */
export function Picker(props: { children?: ReactNode; mode?: string; value?: string; onChange?: (event: { detail: { value: string } }) => void }) {
  return (
    <div>
      {props.children}
      <input data-picker={props.mode ?? 'selector'} value={props.value ?? ''} onChange={(event) => props.onChange?.({ detail: { value: event.target.value } })} />
    </div>
  );
}
