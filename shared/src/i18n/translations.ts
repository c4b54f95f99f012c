import type { MessageKey } from './zh-CN';

/** A language's text for the shared keys a worker sees (see worker-keys.ts; checked by the completeness test). */
export type SharedTranslation = Partial<Record<MessageKey, string>>;
